/*
 * scip_mutate.c - deterministic robustness driver for the SCIP readers, for
 * machines without libFuzzer and as a repeatable regression: for every seed
 * file it runs every truncation, every single-bit flip, byte overwrites with
 * 0x00/0x7f/0x80/0xff, and a few hostile constructions, through the same target
 * as the fuzzer.  Build with -fsanitize=address,undefined; any finding aborts.
 * Usage: scip_mutate [--quick] SEED...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scip_arena.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long runs;

static void
run(const uint8_t *p, size_t n)
{
	/* a private copy so ASan catches reads past the exact end */
	uint8_t    *c = malloc(n ? n : 1);

	memcpy(c, p, n);
	LLVMFuzzerTestOneInput(c, n);
	free(c);
	runs++;
}

static int	failures;

/* hostile inputs must fail with the right error, not just not crash */
static void
expect(const uint8_t *p, size_t n, ScipErrCode want, const char *what)
{
	Arena		arena = {0};
	ScipAlloc	alloc = {arena_alloc, arena_reset, &arena};
	ScipVisitor v = {0};
	ScipError	err;
	int			rc = scip_read_protobuf(p, n, &v, &alloc, &err);

	arena_reset(&arena);
	if (rc != (int) want)
	{
		fprintf(stderr, "%s: got %s, want %s (%s)\n", what, scip_err_name(rc),
				scip_err_name(want), err.message);
		failures++;
	}
	run(p, n);
}

static void
hostile(void)
{
	/* Index.documents with a length prefix of 2^63 */
	static const uint8_t huge_len[] = {0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00};
	/* an 11-byte varint tag */
	static const uint8_t long_varint[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
	/* wire types 3, 4, 6, 7 and field 0 */
	static const uint8_t bad_wt[][2] = {{0x0b, 0}, {0x0c, 0}, {0x0e, 0}, {0x0f, 0}, {0x02, 0}};
	uint8_t    *deep;
	size_t		n = 0;

	expect(huge_len, sizeof(huge_len), SCIP_ERR_TRUNCATED, "huge length");
	expect(long_varint, sizeof(long_varint), SCIP_ERR_VARINT, "11-byte varint");
	for (size_t i = 0; i < 4; i++)
		expect(bad_wt[i], 2, SCIP_ERR_WIRETYPE, "bad wire type");
	expect(bad_wt[4], 2, SCIP_ERR_TAG, "field 0");

	/*
	 * Document -> symbols -> signature_documentation -> ... 200 levels deep,
	 * built inside out with one-byte length prefixes where they fit.
	 */
	deep = malloc(1 << 16);
	for (int level = 0; level < 200; level++)
	{
		uint8_t		hdr[12];
		size_t		h = 0;
		size_t		len = n;
		int			tag = (level % 2 == 0) ? 0x3a : 0x1a;	/* SymbolInformation.7 / Document.3 */

		hdr[h++] = (uint8_t) tag;
		do
		{
			hdr[h++] = (uint8_t) ((len & 0x7f) | (len > 0x7f ? 0x80 : 0));
			len >>= 7;
		} while (len);
		memmove(deep + h, deep, n);
		memcpy(deep, hdr, h);
		n += h;
	}
	/* wrap in Index.documents */
	memmove(deep + 4, deep, n);
	deep[0] = 0x12;
	deep[1] = (uint8_t) ((n & 0x7f) | 0x80);
	deep[2] = (uint8_t) (((n >> 7) & 0x7f) | 0x80);
	deep[3] = (uint8_t) (n >> 14);
	expect(deep, n + 4, SCIP_ERR_DEPTH, "deep nesting");
	free(deep);

	{
		static const char json_deep_prefix[] = "{\"documents\":[";
		char	   *j = malloc(200 * 64 + 64);
		size_t		k = 0;

		k += sprintf(j + k, "%s", json_deep_prefix);
		for (int level = 0; level < 100; level++)
			k += sprintf(j + k, "{\"symbols\":[{\"signatureDocumentation\":");
		k += sprintf(j + k, "{}");
		for (int level = 0; level < 100; level++)
			k += sprintf(j + k, "}]}");
		k += sprintf(j + k, "]}");
		run((const uint8_t *) j, k);
		free(j);
	}
}

int
main(int argc, char **argv)
{
	int			quick = argc > 1 && strcmp(argv[1], "--quick") == 0;

	hostile();
	for (int a = 1 + quick; a < argc; a++)
	{
		FILE	   *f = fopen(argv[a], "rb");
		uint8_t    *buf,
				   *m;
		long		n;
		static const uint8_t bytes[] = {0x00, 0x7f, 0x80, 0xff};

		if (!f)
		{
			perror(argv[a]);
			return 2;
		}
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		buf = malloc(n ? n : 1);
		m = malloc(n ? n : 1);
		if (fread(buf, 1, n, f) != (size_t) n)
			return 2;
		fclose(f);
		run(buf, n);
		for (long len = 0; len < n; len++)
			run(buf, len);
		for (long i = 0; i < n; i++)
		{
			for (int bit = 0; bit < 8; bit++)
			{
				if (quick && bit % 4)
					continue;
				memcpy(m, buf, n);
				m[i] ^= (uint8_t) (1 << bit);
				run(m, n);
			}
			for (size_t b = 0; b < sizeof(bytes); b++)
			{
				memcpy(m, buf, n);
				m[i] = bytes[b];
				run(m, n);
			}
		}
		free(buf);
		free(m);
	}
	printf("scip_mutate: %lu inputs, no crash, %d wrong error codes\n", runs, failures);
	return failures != 0;
}
