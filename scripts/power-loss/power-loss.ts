import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Power loss for the crash harness (`test:crash -- --power-loss`): the server runs with the
 * keep-synced.c shim preloaded, which keeps each data file as of its last fsync; `losePower()`
 * (after a `kill -9`) puts those copies in place of the files, so the restarted server sees only what
 * was synced — what a disk holds when the power goes, in the model keep-synced.c describes.
 */
export class PowerLoss {
  private readonly shadow: string;
  private readonly library: string;

  /** Compiles the shim (gcc, as node-gyp needs anyway) into `dataDir/power-loss/`. */
  constructor(
    private readonly dataDir: string,
    source: string,
  ) {
    const work = join(dataDir, 'power-loss');
    this.shadow = join(work, 'synced');
    this.library = join(work, 'keep-synced.so');
    mkdirSync(this.shadow, { recursive: true });
    execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-o', this.library, source, '-ldl'], { stdio: 'inherit' });
  }

  /** What the server's environment needs for the shim. */
  get env(): NodeJS.ProcessEnv {
    return { LD_PRELOAD: this.library, POWER_LOSS_DIR: this.dataDir, POWER_LOSS_SHADOW: this.shadow };
  }

  /**
   * Before each start: what is on disk now counts as synced (it is what the last power loss left,
   * or what a cleanly closed process wrote).
   */
  markAllSynced(): void {
    rmSync(this.shadow, { recursive: true, force: true });
    mkdirSync(this.shadow, { recursive: true });
    for (const name of this.dataFiles()) if (!name.endsWith('-shm')) copyFileSync(join(this.dataDir, name), join(this.shadow, name));
  }

  /**
   * The power goes: each file becomes its last synced copy; a file never synced is gone; SQLite's
   * -shm (shared memory, rebuilt at open) is dropped. Returns how far the files had grown past their
   * synced copies, in bytes: a rough measure of what the model took away.
   */
  losePower(): number {
    let lostBytes = 0;
    for (const name of this.dataFiles()) {
      const file = join(this.dataDir, name);
      const synced = join(this.shadow, name);
      const size = statSync(file).size;
      if (!name.endsWith('-shm') && existsSync(synced)) {
        lostBytes += Math.max(0, size - statSync(synced).size);
        copyFileSync(synced, file);
      } else {
        if (!name.endsWith('-shm')) lostBytes += size;
        rmSync(file);
      }
    }
    return lostBytes;
  }

  /** The files directly in the data directory, the ones the shim follows. */
  private dataFiles(): string[] {
    return readdirSync(this.dataDir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  }
}
