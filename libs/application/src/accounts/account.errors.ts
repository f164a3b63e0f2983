import { ApplicationError } from '../errors';

export class AccountNotFoundError extends ApplicationError {
  override readonly name = 'AccountNotFoundError';
  constructor(readonly username: string) {
    super(`账号 ${username} 不存在`);
  }
}

export class AccountExistsError extends ApplicationError {
  override readonly name = 'AccountExistsError';
  constructor(readonly username: string) {
    super(`账号 ${username} 已存在`);
  }
}

export class AccountDisabledError extends ApplicationError {
  override readonly name = 'AccountDisabledError';
  constructor(readonly username: string) {
    super(`账号 ${username} 已停用`);
  }
}

/** Same message for an unknown user and a wrong password: a login must not reveal which accounts exist. */
export class InvalidCredentialsError extends ApplicationError {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('用户名或口令不正确');
  }
}

export class NotYourAccountError extends ApplicationError {
  override readonly name = 'NotYourAccountError';
  constructor(readonly username: string) {
    super(`只能修改本人账号的口令（${username}）；管理员可重置他人口令`);
  }
}

export class WeakPasswordError extends ApplicationError {
  override readonly name = 'WeakPasswordError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** An administrator may not lock themselves out: another administrator must disable them or take their role. */
export class OwnAdminAccessError extends ApplicationError {
  override readonly name = 'OwnAdminAccessError';
  constructor(readonly username: string) {
    super(`不能停用本人账号或撤销本人的系统管理员角色（${username}）：请由另一名系统管理员操作，以免无人能管理账号`);
  }
}
