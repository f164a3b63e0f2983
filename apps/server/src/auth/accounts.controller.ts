import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountService, QUERY_ROLES, type AccountView, type CommandContext } from '@shuangsui/application';
import { LOGIN_ROLES, type Role } from '@shuangsui/domain';
import { BadRequestException } from '@nestjs/common';
import { AccountsReader, waitForProjections, type AccountList, type ReadStore } from '@shuangsui/projections';
import type { EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';
import { READ_STORE } from '../projections/read-store.tokens';
import { UsernamePipe } from './username.pipe';
import { Command } from '../common/command-context.decorator';
import { validationFailed } from '../common/error-body';
import { CommandRoles, Roles } from './access.decorators';
import { CreateAccountDto, DisableAccountDto, ResetPasswordDto, RoleDto } from './dto/auth.dto';
import { ACCOUNT_PAGE_DEFAULT, AccountListQueryDto } from './dto/account-list-query.dto';

/** Account administration (role admin). Every change is an event on the account's own stream. */
@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  private readonly list: AccountsReader;

  constructor(
    private readonly accounts: AccountService,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {
    this.list = new AccountsReader(store);
  }

  @Get()
  @Roles(...QUERY_ROLES.accounts)
  @ApiOperation({ summary: 'The accounts by username (the accounts read model): { total, accounts }; never a password hash or session' })
  async all(@Query() query: AccountListQueryDto): Promise<AccountList> {
    // The administrator reads their own changes: the list waits (briefly) for the events already written.
    await waitForProjections(this.events, this.store, ['accounts'], { timeoutMs: 5_000 });
    return this.list.list({ q: query.q, limit: Number(query.limit ?? ACCOUNT_PAGE_DEFAULT), offset: Number(query.offset ?? 0) });
  }

  @Post()
  @CommandRoles('createAccount')
  @ApiOperation({ summary: 'Create an account; the person must change the initial password at first sign-in' })
  create(@Body() dto: CreateAccountDto, @Command() context: CommandContext): Promise<AccountView> {
    return this.accounts.create({ username: dto.username, displayName: dto.displayName, roles: dto.roles, password: dto.password, mustChangePassword: true }, context);
  }

  @Get(':username')
  @Roles(...QUERY_ROLES.accounts)
  @ApiOperation({ summary: 'An account: roles, disabled or not (never the password hash)' })
  get(@Param('username', UsernamePipe) username: string): Promise<AccountView> {
    return this.accounts.view(username);
  }

  @Post(':username/roles')
  @CommandRoles('grantRole')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a role (takes effect on the next request)' })
  grant(@Param('username', UsernamePipe) username: string, @Body() dto: RoleDto, @Command() context: CommandContext): Promise<AccountView> {
    return this.accounts.grantRole(username, dto.role, context);
  }

  @Delete(':username/roles/:role')
  @CommandRoles('revokeRole')
  @ApiOperation({ summary: 'Revoke a role (takes effect on the next request)' })
  revoke(@Param('username', UsernamePipe) username: string, @Param('role') role: string, @Command() context: CommandContext): Promise<AccountView> {
    if (!LOGIN_ROLES.includes(role as Role)) throw new BadRequestException(validationFailed([{ field: 'role', rule: 'isIn', message: `角色必须是 ${LOGIN_ROLES.join('、')} 之一` }]));
    return this.accounts.revokeRole(username, role as Role, context);
  }

  @Post(':username/disable')
  @CommandRoles('disableAccount')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the account: every session ends at once' })
  disable(@Param('username', UsernamePipe) username: string, @Body() dto: DisableAccountDto, @Command() context: CommandContext): Promise<AccountView> {
    return this.accounts.disable(username, dto.reason, context);
  }

  @Post(':username/password')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: "Reset someone's password; they must change it at next sign-in; their sessions end" })
  reset(@Param('username', UsernamePipe) username: string, @Body() dto: ResetPasswordDto, @Command() context: CommandContext): Promise<AccountView> {
    return this.accounts.changePassword(username, { newPassword: dto.newPassword }, context);
  }
}
