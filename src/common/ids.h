/*
 * ids.h: the one identity scheme of every domain: "<prefix>:" followed by the first
 * 128 bits of SHA-256 over the parts joined by U+001F, in lower-case hex.
 */
#ifndef CODECPG_IDS_H
#define CODECPG_IDS_H

#define CPG_ID_HEX_DIGITS 32

extern char *cpg_stable_id(const char *prefix, int nparts, const char *const *parts);
extern char *cpg_file_id(const char *repo, const char *path);
extern void cpg_sha256_hex(const void *data, size_t len, char *hex_out);	/* 65 bytes */

#endif
