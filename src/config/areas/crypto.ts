/** National cryptography (密评): the hash of the trails. */
import { TRAIL_HASHES } from '../../domain/digest.js';
import { enumSetting } from '../define.js';

export const CRYPTO_SETTINGS = {
  trailHash: enumSetting('RONGCUO_TRAIL_HASH', {
    default: 'sha256',
    values: TRAIL_HASHES,
    text: {
      zh: '审计链（案件记录、阅卷日志、管理与安全事件）使用的杂凑算法：sha256 或 sm3（GB/T 32905）。更改只影响此后写入的记录；校验按每条记录所用算法进行。',
      en: 'The hash of the audit chains (case trail, read log, administration and security events): sha256 or sm3 (GB/T 32905). A change applies to links written afterwards; verification reads each link’s own hash.',
    },
  }),
};
