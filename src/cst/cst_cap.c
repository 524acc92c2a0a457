/*
 * cst_cap.c: the bound on derived text, which keeps a libcst row linear in its source.
 *
 * Some stored texts repeat a prefix or a subtree's text per nesting level: the qualified
 * name of a def nested n deep, the text of every attribute of a chain a.b.c..., the
 * argument text of every call of f(f(f(...))). Uncapped, they make a row quadratic in
 * the source (32 KB of nested lambdas gave a 289 MB row). So the derived texts of one
 * file share a budget of CST_BUDGET_FACTOR times the source plus CST_BUDGET_SLACK
 * bytes: a text that does not fit in what is left is cut to what is left, and to
 * CST_TEXT_MIN bytes once the budget is spent. The derived text of a file is then at
 * most the budget plus CST_TEXT_MIN bytes per element, linear in the source. A fixed
 * cap per text would not do: the standard library has single arguments (the decoding
 * tables of encodings/cp*.py) of 10 KB and more, which are not nested and are kept whole.
 * A text cut short ends with CST_TEXT_MARK, and the element (where it has attrs) says
 * {"truncated": true}.
 */
#include "postgres.h"

#include "common/rowtype.h"
#include "cst/cst.h"
#include "utils/builtins.h"

#define CST_TEXT_MIN 64
#define CST_BUDGET_FACTOR 8
#define CST_BUDGET_SLACK (64 * 1024)

void
cst_cap_init(CstTextCap *cap, int32 source_length)
{
	cap->budget = (int64) CST_BUDGET_FACTOR * source_length + CST_BUDGET_SLACK;
	cap->truncated = false;
}

/* How many leading bytes of s to keep; less than len when it is cut (then marked). */
static int32
cap_keep(CstTextCap *cap, const char *s, int32 len)
{
	int32		limit = (int32) Max(Min(cap->budget, PG_INT32_MAX), CST_TEXT_MIN);
	int32		keep;

	if (len <= limit)
	{
		cap->budget -= len;
		return len;
	}
	/* Room for the marker, and never split a UTF-8 sequence. */
	keep = limit - (int32) strlen(CST_TEXT_MARK);
	while (keep > 0 && ((unsigned char) s[keep] & 0xC0) == 0x80)
		keep--;
	cap->budget -= limit;
	cap->truncated = true;
	return keep;
}

/* s, or a palloc'd copy of its capped prefix followed by the marker. */
char *
cst_cap_cstring(CstTextCap *cap, char *s)
{
	int32		len = strlen(s);
	int32		keep = cap_keep(cap, s, len);

	if (keep == len)
		return s;
	return psprintf("%.*s%s", keep, s, CST_TEXT_MARK);
}

Datum
cst_cap_text(CstTextCap *cap, const char *s, int32 len)
{
	int32		keep = cap_keep(cap, s, len);
	text	   *t;

	if (keep == len)
		return PointerGetDatum(cstring_to_text_with_len(s, len));
	t = (text *) palloc(VARHDRSZ + keep + strlen(CST_TEXT_MARK));
	SET_VARSIZE(t, VARHDRSZ + keep + strlen(CST_TEXT_MARK));
	memcpy(VARDATA(t), s, keep);
	memcpy(VARDATA(t) + keep, CST_TEXT_MARK, strlen(CST_TEXT_MARK));
	return PointerGetDatum(t);
}

/* An element's texts are built between cst_cap_reset and cst_truncated_attrs. */
void
cst_cap_reset(CstTextCap *cap)
{
	cap->truncated = false;
}

/* The element's attrs: {"truncated": true} when one of its texts was cut, else NULL. */
Datum
cst_truncated_attrs(CstTextCap *cap, bool *isnull)
{
	*isnull = !cap->truncated;
	if (!cap->truncated)
		return (Datum) 0;
	cap->truncated = false;
	return cpg_jsonb_from_cstring("{\"truncated\": true}");
}
