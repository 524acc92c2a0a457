/*
 * sha256.c: SHA-256 (FIPS 180-4), compiled into the extension and the client (no
 * PostgreSQL headers: see sha256.h).
 */
#include <string.h>

#include "common/sha256.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
block(uint32_t h[8], const unsigned char *p)
{
	uint32_t	w[64];
	uint32_t	a, b, c, d, e, f, g, hh;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16 |
			(uint32_t) p[4 * i + 2] << 8 | (uint32_t) p[4 * i + 3];
	for (int i = 16; i < 64; i++)
	{
		uint32_t	s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t	s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int i = 0; i < 64; i++)
	{
		uint32_t	t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t	t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));

		hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

void
cpg_sha256_init(CpgSha256 *ctx)
{
	static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	memcpy(ctx->h, initial, sizeof(initial));
	ctx->length = 0;
	ctx->buffered = 0;
}

void
cpg_sha256_update(CpgSha256 *ctx, const void *data, size_t len)
{
	const unsigned char *p = data;

	ctx->length += len;
	if (ctx->buffered > 0)
	{
		size_t		take = 64 - ctx->buffered < len ? 64 - ctx->buffered : len;

		memcpy(ctx->buffer + ctx->buffered, p, take);
		ctx->buffered += take;
		p += take;
		len -= take;
		if (ctx->buffered < 64)
			return;
		block(ctx->h, ctx->buffer);
		ctx->buffered = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		block(ctx->h, p);
	memcpy(ctx->buffer, p, len);
	ctx->buffered = len;
}

void
cpg_sha256_final(CpgSha256 *ctx, unsigned char digest[CPG_SHA256_DIGEST_LENGTH])
{
	uint64_t	bits = ctx->length * 8;
	size_t		tail_len = ctx->buffered < 56 ? 64 : 128;
	unsigned char tail[128];

	memset(tail, 0, sizeof(tail));
	memcpy(tail, ctx->buffer, ctx->buffered);
	tail[ctx->buffered] = 0x80;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 1 - i] = (unsigned char) (bits >> (8 * i));
	block(ctx->h, tail);
	if (tail_len == 128)
		block(ctx->h, tail + 64);
	for (int i = 0; i < 8; i++)
	{
		digest[4 * i] = (unsigned char) (ctx->h[i] >> 24);
		digest[4 * i + 1] = (unsigned char) (ctx->h[i] >> 16);
		digest[4 * i + 2] = (unsigned char) (ctx->h[i] >> 8);
		digest[4 * i + 3] = (unsigned char) ctx->h[i];
	}
}

void
cpg_sha256_to_hex(const unsigned char *digest, int nbytes, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < nbytes; i++)
	{
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 0xF];
	}
	out[2 * nbytes] = '\0';
}

void
cpg_sha256_buffer_hex(const void *data, size_t len, char hex_out[65])
{
	CpgSha256	ctx;
	unsigned char digest[CPG_SHA256_DIGEST_LENGTH];

	cpg_sha256_init(&ctx);
	cpg_sha256_update(&ctx, data, len);
	cpg_sha256_final(&ctx, digest);
	cpg_sha256_to_hex(digest, CPG_SHA256_DIGEST_LENGTH, hex_out);
}
