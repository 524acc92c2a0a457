/*
 * asan_initfirst.c: start AddressSanitizer before any other library's initializer runs.
 *
 * PostgreSQL's binaries are not instrumented, so the ASan runtime comes in through
 * LD_PRELOAD. A preloaded library is initialized after the libraries the executable
 * depends on, and some of those (libgpg-error, gnutls: through libldap and GSSAPI) call
 * bindtextdomain() from their initializers. Its first malloc() then starts ASan inside
 * glibc's gettext lock, ASan's start-up calls dlerror(), which takes the same lock, and
 * the lock is left broken: postgres hangs in bindtextdomain() at start-up.
 *
 * Linked with -z initfirst, this object's initializer runs before every other one, and
 * starts ASan there, outside any lock. Preload it after the ASan runtime:
 *   LD_PRELOAD=<libasan.so>:<asan_initfirst.so>
 */
void		__asan_init(void);

__attribute__((constructor)) static void
asan_start_first(void)
{
	__asan_init();
}
