/* sha256.h: SHA-256 (FIPS 180-4) for the client, which hashes files like the server. */
#ifndef CODECPG_CLI_SHA256_H
#define CODECPG_CLI_SHA256_H

#include <stddef.h>

/* Writes 64 lower-case hex digits and a NUL to hex_out. */
extern void cli_sha256_hex(const void *data, size_t len, char hex_out[65]);

#endif
