/*
 * df_source.c: spans that CPython's positions do not give, found in the source text:
 * the names bound by imports, `except ... as`, def and class statements (positioned at
 * the whole statement), and parameters (which have no instruction).
 */
#include "postgres.h"

#include "dataflow/df_sim.h"

/* How far below co_firstlineno the "def" of a decorated function is looked for. */
#define DF_SIGNATURE_LINES 64

/*
 * A store's span is CPython's position of the statement for imports and `except ... as`:
 * narrow it to the bound name ("as name", else the name after the last "import").
 */
static bool
is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		(unsigned char) c >= 0x80;
}

static int32
find_word(const char *text, int32 from, int32 to, const char *word, int32 wlen)
{
	const char *at = text + from;
	const char *stop = text + to - wlen;

	while (at <= stop && (at = memchr(at, word[0], stop - at + 1)) != NULL)
	{
		int32		p = (int32) (at - text);

		if (memcmp(at, word, wlen) == 0 && (p == 0 || !is_ident_char(text[p - 1])) &&
			(p + wlen == to || !is_ident_char(text[p + wlen])))
			return p;
		at++;
	}
	return -1;
}

static bool
starts_with_word(const char *text, int32 p, int32 end, const char *word)
{
	int32		n = (int32) strlen(word);

	return p + n <= end && memcmp(text + p, word, n) == 0 && (p + n == end || !is_ident_char(text[p + n]));
}

/* The first "as name" in [from, to), or -1. */
static int32
find_as_name(const char *text, int32 from, int32 to, const char *name, int32 nlen)
{
	for (int32 p = find_word(text, from, to, "as", 2); p >= 0; p = find_word(text, p + 2, to, "as", 2))
	{
		int32		q = p + 2;

		while (q < to && (text[q] == ' ' || text[q] == '\t' || text[q] == '\\' ||
						  text[q] == '\n' || text[q] == '\r'))
			q++;
		if (q + nlen <= to && memcmp(text + q, name, nlen) == 0 &&
			(q + nlen == to || !is_ident_char(text[q + nlen])))
			return q;
	}
	return -1;
}

/* The name after the first "def"/"class" keyword followed by it, or -1. */
static int32
find_defined_name(const char *text, int32 from, int32 to, const char *name, int32 nlen)
{
	for (int32 p = from; p < to; p++)
	{
		int32		q;

		if (starts_with_word(text, p, to, "def"))
			q = p + 3;
		else if (starts_with_word(text, p, to, "class"))
			q = p + 5;
		else
			continue;
		while (q < to && (text[q] == ' ' || text[q] == '\t'))
			q++;
		if (q + nlen <= to && memcmp(text + q, name, nlen) == 0 &&
			(q + nlen == to || !is_ident_char(text[q + nlen])))
			return q;
	}
	return -1;
}

/*
 * CPython positions the store of an import, of an `except ... as` target and of a def
 * or class at the whole statement: narrow the span to the name it binds.
 */
void
df_narrow_to_name(const DfFile *f, DfEvent *ev)
{
	const DfStrings *strs = &f->strings;
	const char *text = f->source;
	const char *name;
	int32		nlen,
				p = -1;

	if (ev->name < 0 || ev->bstart < 0 || ev->bend > f->source_len)
		return;
	name = strs->strs[ev->name];
	nlen = strs->lens[ev->name];
	if (ev->bend - ev->bstart == nlen && memcmp(text + ev->bstart, name, nlen) == 0)
		return;
	if (starts_with_word(text, ev->bstart, ev->bend, "import") ||
		starts_with_word(text, ev->bstart, ev->bend, "from"))
	{
		int32		from = -1;

		p = find_as_name(text, ev->bstart, ev->bend, name, nlen);
		if (p < 0)
		{
			for (int32 q = find_word(text, ev->bstart, ev->bend, "import", 6); q >= 0;
				 q = find_word(text, q + 6, ev->bend, "import", 6))
				from = q + 6;
			if (from >= 0)
				p = find_word(text, from, ev->bend, name, nlen);
		}
	}
	else if (starts_with_word(text, ev->bstart, ev->bend, "except"))
		p = find_as_name(text, ev->bstart, ev->bend, name, nlen);
	else if (text[ev->bstart] == '@' || starts_with_word(text, ev->bstart, ev->bend, "def") ||
			 starts_with_word(text, ev->bstart, ev->bend, "async") ||
			 starts_with_word(text, ev->bstart, ev->bend, "class"))
		p = find_defined_name(text, ev->bstart, ev->bend, name, nlen);
	else if (DF_KIND_IS_DEF(ev->kind) && ev->kind != DF_STORE_ATTR && ev->kind != DF_DELETE_ATTR &&
			 !DF_KIND_IS_WEAK(ev->kind))
	{
		/*
		 * A name stored or deleted where the span does not show it: the compiler's own
		 * `del e` after an except clause, positioned at the handler's last statement.
		 */
		ev->bstart = ev->bend = -1;
		return;
	}
	if (p >= 0)
	{
		ev->bstart = p;
		ev->bend = p + nlen;
		for (int32 l = Max(ev->line0, 0); l < f->lines->nlines && f->lines->starts[l] <= p; l++)
			ev->line0 = l;
	}
}

/*
 * Parameters have no instruction: their span is found in the source, scanning the
 * signature after "def name(" or "lambda" for each parameter name in source order
 * (strings and comments skipped). A name that cannot be found keeps the definition's
 * line and no span.
 */
static int32
skip_string(const char *t, int32 p, int32 end)
{
	char		q = t[p];
	bool		triple = p + 2 < end && t[p + 1] == q && t[p + 2] == q;

	p += triple ? 3 : 1;
	while (p < end)
	{
		if (t[p] == '\\')
			p += 2;
		else if (t[p] == q && (!triple || (p + 2 < end && t[p + 1] == q && t[p + 2] == q)))
			return p + (triple ? 3 : 1);
		else if (!triple && t[p] == '\n')
			return p;
		else
			p++;
	}
	return end;
}

static int32
find_param(const char *t, int32 p, int32 end, const char *name, int32 nlen, bool lambda, int32 *found)
{
	int32		depth = 0;
	char		prev = lambda ? ',' : '(';

	*found = -1;
	while (p < end)
	{
		char		c = t[p];

		if (c == '#')
		{
			while (p < end && t[p] != '\n')
				p++;
			continue;
		}
		if (c == '\'' || c == '"')
		{
			p = skip_string(t, p, end);
			prev = 'x';
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
		{
			if (depth-- == 0)
				return p;
		}
		else if (c == ':' && lambda && depth == 0)
			return p;
		else if (is_ident_char(c) && !(c >= '0' && c <= '9'))
		{
			int32		q = p;

			while (q < end && is_ident_char(t[q]))
				q++;
			if (depth == 0 && q - p == nlen && memcmp(t + p, name, nlen) == 0 &&
				(prev == '(' || prev == ',' || prev == '*' || prev == '/'))
			{
				*found = p;
				return q;
			}
			prev = 'x';
			p = q;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\\')
			prev = c;
		p++;
	}
	return end;
}

void
df_param_spans(const DfFile *f, const DfCode *code, DfEvent *params)
{
	const char *t = f->source;
	int32		end = f->source_len;
	int32		line0 = code->firstlineno1 - 1;
	int32		p = -1;
	bool		lambda = strcmp(f->strings.strs[code->name], "<lambda>") == 0;
	int32		order[4] = {0};

	if (line0 < 0 || line0 >= f->lines->nlines)
		return;
	if (lambda)
	{
		/* The nearest "lambda" before the body. */
		int32		limit = code->bstart >= 0 ? code->bstart : f->lines->starts[line0];

		for (int32 q = f->lines->starts[line0]; q >= 0 && q < limit; q++)
			if ((q = find_word(t, q, limit, "lambda", 6)) < 0)
				break;
			else
				p = q + 6;
	}
	else
	{
		const char *name = f->strings.strs[code->name];
		int32		nlen = f->strings.lens[code->name];

		/* co_firstlineno is the first decorator's line: the def follows within a few lines. */
		int32		window = line0 + DF_SIGNATURE_LINES < f->lines->nlines ?
			f->lines->starts[line0 + DF_SIGNATURE_LINES] : end;

		for (int32 q = f->lines->starts[line0]; q >= 0 && q < window; q += 3)
		{
			int32		r;

			if ((q = find_word(t, q, window, "def", 3)) < 0)
				break;
			r = q + 3;
			while (r < end && (t[r] == ' ' || t[r] == '\t' || t[r] == '\\' || t[r] == '\n' || t[r] == '\r'))
				r++;
			if (r + nlen <= end && memcmp(t + r, name, nlen) == 0 && !is_ident_char(t[r + nlen]))
			{
				r += nlen;
				while (r < end && t[r] != '(')
					r++;
				p = r + 1;
				break;
			}
		}
	}
	if (p < 0)
		return;
	/* Source order: positional, *args, keyword-only, **kwargs (storage order differs). */
	order[0] = code->argcount;
	order[1] = code->has_varargs ? 1 : 0;
	order[2] = code->kwonlyargcount;
	order[3] = code->has_varkeywords ? 1 : 0;
	for (int part = 0; part < 4; part++)
		for (int32 k = 0; k < order[part]; k++)
		{
			int32		index = part == 0 ? k : part == 1 ? code->argcount + code->kwonlyargcount :
				part == 2 ? code->argcount + k : code->argcount + code->kwonlyargcount + (code->has_varargs ? 1 : 0);
			DfEvent    *ev = &params[index];
			int32		found;
			int32		next;

			if (ev->name < 0)
				continue;
			next = find_param(t, p, end, f->strings.strs[ev->name], f->strings.lens[ev->name], lambda, &found);
			if (found < 0)
				return;
			ev->bstart = found;
			ev->bend = found + f->strings.lens[ev->name];
			ev->line0 = line0;
			for (int32 l = line0; l < f->lines->nlines && f->lines->starts[l] <= found; l++)
				ev->line0 = l;
			p = next;
		}
}

