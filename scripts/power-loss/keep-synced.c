/*
 * A power-loss model for `npm run test:crash -- --power-loss` (docs/operations.md, "Crash safety").
 *
 * Loaded into the server with LD_PRELOAD. For every file directly inside POWER_LOSS_DIR it keeps, in
 * POWER_LOSS_SHADOW, a copy of the file as it was at its last fsync/fdatasync: what a disk holds
 * after the power goes, when nothing that was not synced reached it. The harness kills the server,
 * puts the shadow copies in place of the files and starts the server again on them.
 *
 * The model is the harshest one a sync allows: every write since a file's last sync is lost, none
 * half-kept. Deleting and renaming a file count as done at once (no directory fsync is modelled);
 * SQLite's -shm file is shared memory, never synced and rebuilt at open, so the harness drops it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_FDS 65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *tracked[MAX_FDS]; /* fd -> the file's name inside the directory, or NULL */
static char dir[PATH_MAX];
static char shadow[PATH_MAX];
static size_t dir_length;
static int enabled = -1;

static void init(void) {
  if (enabled != -1) return;
  const char *d = getenv("POWER_LOSS_DIR");
  const char *s = getenv("POWER_LOSS_SHADOW");
  enabled = d && s && strlen(d) < PATH_MAX && strlen(s) < PATH_MAX;
  if (!enabled) return;
  strcpy(dir, d);
  strcpy(shadow, s);
  dir_length = strlen(dir);
}

/* The name of `path` when it is a file directly inside the directory, else NULL. */
static const char *name_in_dir(const char *path) {
  init();
  if (!enabled || strncmp(path, dir, dir_length) != 0 || path[dir_length] != '/') return NULL;
  const char *name = path + dir_length + 1;
  return *name && !strchr(name, '/') ? name : NULL;
}

static void track(int fd, const char *path) {
  const char *name;
  if (fd < 0 || fd >= MAX_FDS || !(name = name_in_dir(path))) return;
  pthread_mutex_lock(&lock);
  free(tracked[fd]);
  tracked[fd] = strdup(name);
  pthread_mutex_unlock(&lock);
}

/*
 * Copies the file behind `fd` to its shadow, whole, through a temporary name. The file is opened again
 * for reading by its name: `fd` may be write-only (a key file written once).
 */
static void keep_synced(int fd) {
  if (fd < 0 || fd >= MAX_FDS) return;
  pthread_mutex_lock(&lock);
  if (!tracked[fd]) {
    pthread_mutex_unlock(&lock);
    return;
  }
  char source[PATH_MAX * 2], target[PATH_MAX * 2], temporary[PATH_MAX * 2 + 8];
  snprintf(source, sizeof source, "%s/%s", dir, tracked[fd]);
  snprintf(target, sizeof target, "%s/%s", shadow, tracked[fd]);
  snprintf(temporary, sizeof temporary, "%s.tmp", target);
  int saved = errno;
  /* Raw system calls: these must not pass through the wrappers below. */
  int in = (int)syscall(SYS_openat, AT_FDCWD, source, O_RDONLY | O_CLOEXEC);
  int out = (int)syscall(SYS_openat, AT_FDCWD, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (in >= 0 && out >= 0) {
    struct stat st;
    off_t offset = 0;
    int whole = fstat(in, &st) == 0;
    while (whole && offset < st.st_size) {
      ssize_t copied = copy_file_range(in, &offset, out, NULL, (size_t)(st.st_size - offset), 0);
      if (copied <= 0) whole = 0;
    }
    if (whole) rename(temporary, target);
  }
  if (in >= 0) syscall(SYS_close, in);
  if (out >= 0) syscall(SYS_close, out);
  errno = saved;
  pthread_mutex_unlock(&lock);
}

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*fd_fn)(int);
typedef int (*path_fn)(const char *);

/* The libc function this one stands in front of. */
#define REAL(name, type) static type real_##name; if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

static mode_t mode_of(int flags, va_list args) {
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(args, int) : 0;
}

int open(const char *path, int flags, ...) {
  REAL(open, open_fn);
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_of(flags, args);
  va_end(args);
  int fd = real_open(path, flags, mode);
  track(fd, path);
  return fd;
}

int open64(const char *path, int flags, ...) {
  REAL(open64, open_fn);
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_of(flags, args);
  va_end(args);
  int fd = real_open64(path, flags, mode);
  track(fd, path);
  return fd;
}

int openat(int at, const char *path, int flags, ...) {
  REAL(openat, openat_fn);
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_of(flags, args);
  va_end(args);
  int fd = real_openat(at, path, flags, mode);
  if (at == AT_FDCWD || path[0] == '/') track(fd, path);
  return fd;
}

int openat64(int at, const char *path, int flags, ...) {
  REAL(openat64, openat_fn);
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_of(flags, args);
  va_end(args);
  int fd = real_openat64(at, path, flags, mode);
  if (at == AT_FDCWD || path[0] == '/') track(fd, path);
  return fd;
}

int close(int fd) {
  REAL(close, fd_fn);
  if (fd >= 0 && fd < MAX_FDS && tracked[fd]) {
    pthread_mutex_lock(&lock);
    free(tracked[fd]);
    tracked[fd] = NULL;
    pthread_mutex_unlock(&lock);
  }
  return real_close(fd);
}

int fsync(int fd) {
  REAL(fsync, fd_fn);
  int result = real_fsync(fd);
  if (result == 0) keep_synced(fd);
  return result;
}

int fdatasync(int fd) {
  REAL(fdatasync, fd_fn);
  int result = real_fdatasync(fd);
  if (result == 0) keep_synced(fd);
  return result;
}

/* A deleted file is gone from the disk too (SQLite deletes its WAL and journals). */
int unlink(const char *path) {
  REAL(unlink, path_fn);
  int result = real_unlink(path);
  const char *name = name_in_dir(path);
  if (result == 0 && name) {
    char target[PATH_MAX * 2];
    snprintf(target, sizeof target, "%s/%s", shadow, name);
    int saved = errno;
    real_unlink(target);
    errno = saved;
  }
  return result;
}
