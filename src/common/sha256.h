/*
 * sha256.h: SHA-256 (FIPS 180-4), self-contained, for the extension and the client alike.
 *
 * The extension hashes every identity it derives (codecpg.stable_id), millions per
 * query over the views: hashing a short input here costs a fraction of a call through
 * PostgreSQL's cryptohash API, which allocates and registers a context per digest. The
 * client hashes files the way the server does without linking libcrypto.
 */
#ifndef CODECPG_SHA256_H
#define CODECPG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CPG_SHA256_DIGEST_LENGTH 32

typedef struct CpgSha256
{
	uint32_t	h[8];
	uint64_t	length;			/* bytes hashed so far */
	unsigned char buffer[64];	/* the current, incomplete block */
	size_t		buffered;
} CpgSha256;

extern void cpg_sha256_init(CpgSha256 *ctx);
extern void cpg_sha256_update(CpgSha256 *ctx, const void *data, size_t len);
extern void cpg_sha256_final(CpgSha256 *ctx, unsigned char digest[CPG_SHA256_DIGEST_LENGTH]);

/* Lower-case hex of the first nbytes of a digest, NUL-terminated (2 * nbytes + 1 bytes). */
extern void cpg_sha256_to_hex(const unsigned char *digest, int nbytes, char *out);

/* The hex digest of a buffer: 64 digits and a NUL. */
extern void cpg_sha256_buffer_hex(const void *data, size_t len, char hex_out[65]);

#endif
