import type { Command } from 'commander';
import { registerVerifyChain } from './verify-chain.command';
import { registerImportCommand } from './import.command';
import { registerExportCommand } from './export.command';
import { registerVerifyDrawCommand } from './verify-draw.command';
import { registerVerifyBundleCommand } from './verify-bundle.command';
import { registerReplayCommand } from './replay.command';
import { registerMigrateStoreCommand } from './migrate-store.command';
import { registerDocumentCommand } from './document.command';
import { registerMonitorCommand } from './monitor.command';
import { registerVerifyEvidenceCommand } from './verify-evidence.command';

/** A CLI command registers itself on the root program; it reads its stores through `cliSettings(command)`. */
export type RegisterCommand = (program: Command) => void;

/** Every command of the CLI. Add one line per command file. */
export const COMMANDS: RegisterCommand[] = [registerVerifyChain, registerImportCommand, registerExportCommand, registerVerifyDrawCommand, registerVerifyBundleCommand, registerReplayCommand, registerMigrateStoreCommand, registerDocumentCommand, registerMonitorCommand, registerVerifyEvidenceCommand];
