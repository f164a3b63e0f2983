/** The log's signing key (LogSigningKey), loaded or created at start from SHUANGSUI_LOG_KEY_FILE. */
export const LOG_SIGNING_KEY = Symbol('LOG_SIGNING_KEY');
