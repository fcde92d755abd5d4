import { commonConfig, int, loadConfig, optStr, str, type ConfigOf } from '@akhbar/core';

export const gatewayConfigSpec = {
  ...commonConfig,
  port: int('PORT', { default: 3000, min: 0, max: 65535, describe: 'Gateway HTTP port' }),
  host: str('HOST', { default: '0.0.0.0', describe: 'Gateway bind address' }),
  adminToken: optStr('AKHBAR_ADMIN_TOKEN', { minLength: 16, describe: 'Bearer token for admin routes; admin routes are refused when unset' }),
};
export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(gatewayConfigSpec, env);
