/*
 * cst_strings.c: the value of a Python string literal, for docstrings.
 *
 * Docstrings are stored as values (what __doc__ holds), not as source. The literal is
 * decoded here in C, as CPython's tokenizer and parser would: prefixes, quotes,
 * newline normalization (the tokenizer turns \r\n and \r into \n) and escapes. Only
 * \N{name} needs the Unicode name table: that lookup is CPython's unicodedata (a
 * standard module; the indexed code is never run). PostgreSQL text cannot hold NUL
 * or lone surrogates: those code points become U+FFFD.
 */
#include "postgres.h"

#include "cst/cst.h"
#include "mb/pg_wchar.h"
#include "python/pyembed.h"

static void
append_codepoint(StringInfo out, pg_wchar c)
{
	unsigned char buf[8];

	if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = 0xFFFD;
	unicode_to_utf8(c, buf);
	appendBinaryStringInfo(out, (char *) buf, pg_utf_mblen(buf));
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * unicodedata.lookup(name); false for an unknown name (a SyntaxError in Python). lookup
 * also accepts the names of named sequences (several code points), which CPython's
 * tokenizer rejects: those are unknown too.
 */
static bool
lookup_unicode_name(const char *name, int len, StringInfo out)
{
	PyObject   *module = cpg_py_own(cpg_py_import("unicodedata"));
	PyObject   *value = PyObject_CallMethod(module, "lookup", "s#", name, (Py_ssize_t) len);
	Py_ssize_t	n;
	const char *utf8;

	if (value == NULL)
	{
		PyErr_Clear();
		return false;
	}
	cpg_py_own(value);
	if (PyUnicode_GetLength(value) != 1)
		return false;
	/* A looked-up character is never a surrogate: it encodes. */
	utf8 = PyUnicode_AsUTF8AndSize(value, &n);
	if (utf8 == NULL)
	{
		PyErr_Clear();
		return false;
	}
	appendBinaryStringInfo(out, utf8, n);
	return true;
}

static bool
decode_body(const char *p, const char *end, bool raw, StringInfo out)
{
	while (p < end)
	{
		char		c = *p;

		if (c == '\r')
		{
			appendStringInfoChar(out, '\n');
			p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
			continue;
		}
		if (c != '\\' || raw)
		{
			if (raw && c == '\\' && p + 1 < end)
			{
				/* A raw string keeps the backslash, and the quote or newline after it. */
				appendStringInfoChar(out, '\\');
				p++;
				continue;
			}
			appendStringInfoChar(out, c);
			p++;
			continue;
		}
		if (p + 1 >= end)
			return false;
		c = p[1];
		p += 2;
		switch (c)
		{
			case '\n':
				break;
			case '\r':
				if (p < end && *p == '\n')
					p++;
				break;
			case '\\':
			case '\'':
			case '"':
				appendStringInfoChar(out, c);
				break;
			case 'a':
				appendStringInfoChar(out, '\a');
				break;
			case 'b':
				appendStringInfoChar(out, '\b');
				break;
			case 'f':
				appendStringInfoChar(out, '\f');
				break;
			case 'n':
				appendStringInfoChar(out, '\n');
				break;
			case 'r':
				appendStringInfoChar(out, '\r');
				break;
			case 't':
				appendStringInfoChar(out, '\t');
				break;
			case 'v':
				appendStringInfoChar(out, '\v');
				break;
			case '0':
			case '1':
			case '2':
			case '3':
			case '4':
			case '5':
			case '6':
			case '7':
				{
					pg_wchar	v = c - '0';

					for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
						v = v * 8 + (*p++ - '0');
					append_codepoint(out, v);
					break;
				}
			case 'x':
			case 'u':
			case 'U':
				{
					int			digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
					pg_wchar	v = 0;

					for (int k = 0; k < digits; k++)
					{
						int			h = p < end ? hex_value(*p) : -1;

						if (h < 0)
							return false;
						v = v * 16 + h;
						p++;
					}
					if (v > 0x10FFFF)
						return false;
					append_codepoint(out, v);
					break;
				}
			case 'N':
				{
					const char *close;

					if (p >= end || *p != '{')
						return false;
					close = memchr(p, '}', end - p);
					if (close == NULL || !lookup_unicode_name(p + 1, close - p - 1, out))
						return false;
					p = close + 1;
					break;
				}
			default:
				/* An unknown escape keeps its backslash (a DeprecationWarning in 3.11). */
				appendStringInfoChar(out, '\\');
				p -= 1;
				break;
		}
	}
	return true;
}

/*
 * Appends the value of one string literal (the text of a tree-sitter string node).
 * Returns false for bytes and f-strings, which are not docstrings, and for literals
 * Python would reject.
 */
bool
cst_decode_string(const char *text, int len, StringInfo out)
{
	const char *p = text;
	const char *end = text + len;
	bool		raw = false;
	int			quote_len;
	char		quote;

	for (; p < end && *p != '\'' && *p != '"'; p++)
	{
		switch (*p)
		{
			case 'r':
			case 'R':
				raw = true;
				break;
			case 'u':
			case 'U':
				break;
			default:
				return false;
		}
	}
	if (p >= end)
		return false;
	quote = *p;
	quote_len = (end - p >= 6 && p[1] == quote && p[2] == quote) ? 3 : 1;
	if (end - p < 2 * quote_len)
		return false;
	for (int k = 1; k <= quote_len; k++)
		if (end[-k] != quote)
			return false;
	return decode_body(p + quote_len, end - quote_len, raw, out);
}
