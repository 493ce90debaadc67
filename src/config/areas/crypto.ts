/** National cryptography (密评): the hash of the trails; the encryption of stored files. */
import { TRAIL_HASHES } from '../../domain/digest.js';
import { enumSetting, stringSetting } from '../define.js';

/** The encryption of stored files, as the setting names it. */
export const ENCRYPTIONS = ['none', 'sm4', 'aes-256-gcm'] as const;
export type Encryption = (typeof ENCRYPTIONS)[number];

export const CRYPTO_SETTINGS = {
  trailHash: enumSetting('RONGCUO_TRAIL_HASH', {
    default: 'sha256',
    values: TRAIL_HASHES,
    text: {
      zh: '审计链（案件记录、阅卷日志、管理与安全事件）使用的杂凑算法：sha256 或 sm3（GB/T 32905）。更改只影响此后写入的记录；校验按每条记录所用算法进行。',
      en: 'The hash of the audit chains (case trail, read log, administration and security events): sha256 or sm3 (GB/T 32905). A change applies to links written afterwards; verification reads each link’s own hash.',
    },
  }),
  encryption: enumSetting('RONGCUO_ENCRYPTION', {
    default: 'none',
    values: ENCRYPTIONS,
    text: {
      zh: '上传文件（证据材料、整改佐证材料）和动态口令密钥的存储加密：none（不加密，仅供演示和开发）、sm4（SM4-CTR 加 HMAC-SM3，GB/T 32907）或 aes-256-gcm。生产环境必须设置 sm4 或 aes-256-gcm，并配置密钥环。更改后新写入的文件和密钥立即按新设置加密，已有的由后台任务或 rongcuo keys rotate 重新加密。',
      en: 'Encryption at rest of uploaded files (evidence, correction files) and of one-time-code secrets: none (demo and development only), sm4 (SM4-CTR with HMAC-SM3, GB/T 32907) or aes-256-gcm. Production must set sm4 or aes-256-gcm with a key ring. After a change new files and secrets are written the new way at once; those already stored are re-encrypted by the background job or rongcuo keys rotate.',
    },
  }),
  encryptionKeys: stringSetting('RONGCUO_ENCRYPTION_KEYS', {
    secret: true,
    text: {
      zh: '密钥环：以逗号分隔的“编号:Base64 密钥”，如 k2026a:…,k2026b:…；sm4 用 16 字节密钥（openssl rand -base64 16），aes-256-gcm 用 32 字节（openssl rand -base64 32）。保留旧密钥直到重新加密完成。',
      en: 'The key ring: comma-separated “id:base64key” entries, e.g. k2026a:…,k2026b:…; sm4 takes 16-byte keys (openssl rand -base64 16), aes-256-gcm 32-byte keys (openssl rand -base64 32). Keep an old key until re-encryption has finished.',
    },
  }),
  encryptionKeysFile: stringSetting('RONGCUO_ENCRYPTION_KEYS_FILE', {
    text: {
      zh: '密钥环文件的路径（每行一个“编号:Base64 密钥”，# 开头为注释；文件权限应为 600），与 RONGCUO_ENCRYPTION_KEYS 合并使用。可有一行“@write 编号”指定新文件所用的密钥（优先于 RONGCUO_ENCRYPTION_KEY_ID）。服务收到 SIGHUP（systemctl reload）时重新读取此文件，轮换密钥无须重启。',
      en: 'The path of a key ring file (one “id:base64key” a line, # starts a comment; mode 600), read together with RONGCUO_ENCRYPTION_KEYS. A line “@write <id>” names the key new files are written with (over RONGCUO_ENCRYPTION_KEY_ID). The server reads the file again on SIGHUP (systemctl reload), so a key rotates without a restart.',
    },
  }),
  encryptionKeyId: stringSetting('RONGCUO_ENCRYPTION_KEY_ID', {
    text: {
      zh: '新写入文件所用密钥的编号（须在密钥环中）；加密开启时必须设置，密钥环文件中有“@write 编号”行时以该行为准。改为新编号即开始密钥轮换。',
      en: 'The id of the key new files are written with (it must be in the ring); required when encryption is on, unless an “@write <id>” line of the key ring file names it (the line wins). Naming a new id starts a key rotation.',
    },
  }),
};
