/** Behind a reverse proxy, and on TLS: whom to trust for the client's address, HTTPS. */
import { isIP } from 'node:net';
import { ConfigError, boolSetting, stringSetting, type Setting } from '../define.js';

/**
 * Fastify's trustProxy: off, every sender, or the proxies' addresses. (A hop count is not offered:
 * Fastify 5 ignores X-Forwarded-For under one, since it cannot check who the nearest peer is.)
 */
export type TrustProxy = boolean | string[];

const TRUST_PROXY_ENV = 'RONGCUO_TRUST_PROXY';

function isAddressOrCidr(text: string): boolean {
  const [addr = '', bits, more] = text.split('/');
  if (more !== undefined) return false;
  const v = isIP(addr);
  if (v === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (v === 4 ? 32 : 128);
}

/**
 * RONGCUO_TRUST_PROXY / --trust-proxy: false (default: X-Forwarded-For is ignored and cannot be
 * spoofed), true (trust every sender: only when nothing but the proxy can reach the server), or a
 * comma list of the proxies' addresses or CIDRs (the recommended form).
 */
export const trustProxySetting: Setting<TrustProxy> = {
  doc: {
    env: TRUST_PROXY_ENV,
    flag: 'trust-proxy',
    default: 'false',
    text: {
      zh: '是否信任反向代理传来的 X-Forwarded-For（用于登录限速和锁定按真实客户端计数）：false（默认，忽略该头，无法伪造）；代理的地址或网段，逗号分隔（推荐，如 127.0.0.1 或 10.0.0.0/8）；true（信任任何来源，仅当只有代理能连到本服务时使用）。',
      en: 'Whether to trust X-Forwarded-For from a reverse proxy (so that the sign-in rate limit and lock count the real client): false (default: the header is ignored and cannot be spoofed); the proxies’ addresses or CIDRs, comma-separated (recommended, e.g. 127.0.0.1 or 10.0.0.0/8); true (trust any sender: only when nothing but the proxy can reach the server).',
    },
  },
  parse(raw) {
    if (raw === undefined || raw.trim() === '') return false;
    const t = raw.trim();
    const lower = t.toLowerCase();
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    if (['true', 'yes', 'on'].includes(lower)) return true;
    if (/^\d+$/.test(t)) {
      throw new ConfigError({
        zh: `配置项 ${TRUST_PROXY_ENV} 的值“${raw}”无效：不支持按代理层数信任（无法核实直接连入的一方），请写出代理的地址或网段，如 127.0.0.1 或 10.0.0.0/8。`,
        en: `The setting ${TRUST_PROXY_ENV} has the invalid value '${raw}': a number of hops is not supported (it cannot check the nearest peer); name the proxies' addresses or CIDRs, e.g. 127.0.0.1 or 10.0.0.0/8.`,
      });
    }
    const list = t
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = list.find((s) => !isAddressOrCidr(s));
    if (bad === undefined && list.length > 0) return list;
    throw new ConfigError({
      zh: `配置项 ${TRUST_PROXY_ENV} 的值“${raw}”无效：应为 false、true，或逗号分隔的代理地址或网段（如 10.0.0.0/8）${bad !== undefined ? `；“${bad}”不是地址或网段` : ''}。`,
      en: `The setting ${TRUST_PROXY_ENV} has the invalid value '${raw}': it must be false, true, or a comma list of proxy addresses or CIDRs (e.g. 10.0.0.0/8)${bad !== undefined ? `; '${bad}' is neither` : ''}.`,
    });
  },
};

export const NETWORK_SETTINGS = {
  trustProxy: trustProxySetting,
  tlsCert: stringSetting('RONGCUO_TLS_CERT', {
    flag: 'tls-cert',
    text: {
      zh: '直接以 HTTPS 提供服务时的证书文件（PEM，可含中间证书链）；须与 RONGCUO_TLS_KEY 一同设置。设置后即视为 HTTPS（Secure Cookie、HSTS）。',
      en: 'The certificate file (PEM, may hold the chain) to serve HTTPS directly; set together with RONGCUO_TLS_KEY. Implies HTTPS (Secure cookies, HSTS).',
    },
  }),
  tlsKey: stringSetting('RONGCUO_TLS_KEY', {
    flag: 'tls-key',
    text: {
      zh: '直接以 HTTPS 提供服务时的私钥文件（PEM）；须与 RONGCUO_TLS_CERT 一同设置。',
      en: 'The private key file (PEM) to serve HTTPS directly; set together with RONGCUO_TLS_CERT.',
    },
  }),
  https: boolSetting('RONGCUO_HTTPS', {
    default: false,
    text: {
      zh: '站点经 HTTPS 访问（由前置的代理或负载均衡终结 TLS）：Cookie 一律加 Secure，并发送 HSTS 和 upgrade-insecure-requests。直接配置证书时自动为 true。',
      en: 'The site is reached over HTTPS (TLS ended by the proxy or load balancer in front): cookies are always Secure, and HSTS and upgrade-insecure-requests are sent. True by itself when a certificate is configured.',
    },
  }),
};

/**
 * The TLS files, both or neither: half a configuration stops the start with one line.
 * Returns undefined for plain HTTP.
 */
export function tlsFilesOf(n: {
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
}): { cert: string; key: string } | undefined {
  if (n.tlsCert === undefined && n.tlsKey === undefined) return undefined;
  if (n.tlsCert === undefined || n.tlsKey === undefined) {
    const [given, missing] =
      n.tlsCert === undefined
        ? ['RONGCUO_TLS_KEY (--tls-key)', 'RONGCUO_TLS_CERT (--tls-cert)']
        : ['RONGCUO_TLS_CERT (--tls-cert)', 'RONGCUO_TLS_KEY (--tls-key)'];
    throw new ConfigError({
      zh: `已设置 ${given} 而未设置 ${missing}：直接以 HTTPS 服务须同时给出证书和私钥；由代理终结 TLS 时两者都不设，改设 RONGCUO_HTTPS=true。`,
      en: `${given} is set but ${missing} is not: serving HTTPS directly needs both the certificate and the key; when a proxy ends TLS set neither, and set RONGCUO_HTTPS=true.`,
    });
  }
  return { cert: n.tlsCert, key: n.tlsKey };
}
