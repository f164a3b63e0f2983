import { accountDecider, type AccountCommand, type AccountEvent, type AccountFold, type AccountRejection } from '@shuangsui/domain';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { AccountDisabledError, AccountExistsError, AccountNotFoundError } from './account.errors';

const ROLES_OF_ACCOUNT_COMMANDS = {
  createAccount: COMMAND_ROLES.createAccount,
  grantRole: COMMAND_ROLES.grantRole,
  revokeRole: COMMAND_ROLES.revokeRole,
  changePassword: COMMAND_ROLES.changePassword,
  disableAccount: COMMAND_ROLES.disableAccount,
  startSession: COMMAND_ROLES.startSession,
  endSession: COMMAND_ROLES.endSession,
};

/** The account stream kind (`account-<username>`), used through the one command handler. */
export const ACCOUNT_STREAM: StreamKind<AccountCommand, AccountEvent, AccountFold, AccountRejection> = {
  decider: accountDecider,
  commandRoles: ROLES_OF_ACCOUNT_COMMANDS,
  rejectionError: (rejection, _state, streamId) => {
    const username = streamId.slice('account-'.length);
    switch (rejection.kind) {
      case 'accountExists':
        return new AccountExistsError(rejection.username);
      case 'accountNotFound':
        return new AccountNotFoundError(username);
      case 'accountDisabled':
        return new AccountDisabledError(rejection.username);
      case 'ruleViolation':
        return new BusinessRuleError(rejection);
    }
  },
};
