/* bfg-json-pull.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pull reader for JSON (RFC 8259): the caller asks for the next token
 * and the reader returns it, reading the stream 64 KiB at a time. It keeps
 * one token and a stack of open containers, never the document, so that a
 * snapshot of a million rows is read in constant memory; json-glib's
 * JsonParser builds the whole tree first, about 1 KiB per row.
 *
 * The reader checks the grammar itself: a caller sees keys only inside
 * objects, each followed by exactly one value, and END only after the one
 * top-level value. Every problem is a JSON_PARSER_ERROR naming the line
 * and column; a stream that cannot be read keeps its own error.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bfg-json-pull.h"

#define READ_CHUNK (64 * 1024)

/* Deeper nesting than any document the console reads needs; the bound
 * keeps the stack of a hostile input small. */
#define MAX_DEPTH 64

typedef enum
{
  STATE_VALUE,          /* a value comes next */
  STATE_FIRST_MEMBER,   /* just after "{": a key or "}" */
  STATE_FIRST_ELEMENT,  /* just after "[": a value or "]" */
  STATE_AFTER_VALUE,    /* ",", a closing bracket, or the end */
  STATE_DONE,
  STATE_FAILED,
} State;

struct _BfgJsonPull
{
  GInputStream *stream;
  guchar       *buf;
  gsize         len;
  gsize         pos;
  gboolean      eof;

  guint         line;
  guint         column;

  char          stack[MAX_DEPTH];
  guint         depth;
  State         state;

  GString      *string;
  gint64        integer;
};

/**
 * bfg_json_pull_new:
 * @stream: where the JSON text comes from
 *
 * Returns: (transfer full): a reader at the start of @stream
 */
BfgJsonPull *
bfg_json_pull_new (GInputStream *stream)
{
  BfgJsonPull *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (BfgJsonPull, 1);
  self->stream = g_object_ref (stream);
  self->buf = g_malloc (READ_CHUNK);
  self->line = 1;
  self->state = STATE_VALUE;
  self->string = g_string_sized_new (64);

  return self;
}

void
bfg_json_pull_free (BfgJsonPull *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_free (self->buf);
  g_string_free (self->string, TRUE);
  g_free (self);
}

static gboolean
fail (BfgJsonPull  *self,
      GError      **error,
      const char   *message)
{
  self->state = STATE_FAILED;
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               /* Translators: a line number, a column number, then what
                * is wrong with the JSON text there */
               _("line %u, column %u: %s"), self->line, self->column, message);
  return FALSE;
}

static BfgJsonToken
fail_token (BfgJsonPull  *self,
            GError      **error,
            const char   *message)
{
  fail (self, error, message);
  return BFG_JSON_TOKEN_ERROR;
}

/* The next byte, or -1 at the end of the stream; -2 with @error set when
 * the stream could not be read. */
static int
peek_byte (BfgJsonPull   *self,
           GCancellable  *cancellable,
           GError       **error)
{
  gssize n;

  /* After a failure the error is set: reading on would set it again. */
  if (self->state == STATE_FAILED)
    return -2;
  if (self->pos < self->len)
    return self->buf[self->pos];
  if (self->eof)
    return -1;

  n = g_input_stream_read (self->stream, self->buf, READ_CHUNK, cancellable, error);
  if (n < 0)
    {
      self->state = STATE_FAILED;
      return -2;
    }

  self->pos = 0;
  self->len = (gsize) n;
  if (n == 0)
    {
      self->eof = TRUE;
      return -1;
    }

  return self->buf[0];
}

static void
take_byte (BfgJsonPull *self)
{
  if (self->buf[self->pos++] == '\n')
    {
      self->line++;
      self->column = 0;
    }
  else
    self->column++;
}

static int
next_byte (BfgJsonPull   *self,
           GCancellable  *cancellable,
           GError       **error)
{
  int c = peek_byte (self, cancellable, error);

  if (c >= 0)
    take_byte (self);

  return c;
}

static int
skip_space (BfgJsonPull   *self,
            GCancellable  *cancellable,
            GError       **error)
{
  int c;

  while ((c = peek_byte (self, cancellable, error)) == ' ' || c == '\t' ||
         c == '\n' || c == '\r')
    take_byte (self);

  return c;
}

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;

  return -1;
}

/* Four hex digits after "\u". */
static gboolean
read_code_unit (BfgJsonPull   *self,
                guint         *unit,
                GCancellable  *cancellable,
                GError       **error)
{
  *unit = 0;
  for (guint i = 0; i < 4; i++)
    {
      int c = next_byte (self, cancellable, error);
      int v = c >= 0 ? hex_value (c) : -1;

      if (c == -2)
        return FALSE;
      if (v < 0)
        return fail (self, error, _("a \\u escape needs four hex digits"));
      *unit = (*unit << 4) | (guint) v;
    }

  return TRUE;
}

static gboolean
read_escape (BfgJsonPull   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  int c = next_byte (self, cancellable, error);
  guint unit;
  guint low;

  switch (c)
    {
    case '"': g_string_append_c (self->string, '"'); return TRUE;
    case '\\': g_string_append_c (self->string, '\\'); return TRUE;
    case '/': g_string_append_c (self->string, '/'); return TRUE;
    case 'b': g_string_append_c (self->string, '\b'); return TRUE;
    case 'f': g_string_append_c (self->string, '\f'); return TRUE;
    case 'n': g_string_append_c (self->string, '\n'); return TRUE;
    case 'r': g_string_append_c (self->string, '\r'); return TRUE;
    case 't': g_string_append_c (self->string, '\t'); return TRUE;
    case 'u': break;
    case -2: return FALSE;
    default: return fail (self, error, _("an unknown escape in a string"));
    }

  if (!read_code_unit (self, &unit, cancellable, error))
    return FALSE;

  /* A NUL would cut every C string the text lands in. */
  if (unit == 0)
    return fail (self, error, _("a NUL character in a string"));

  if (unit >= 0xdc00 && unit <= 0xdfff)
    return fail (self, error, _("a lone low surrogate in a string"));

  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      if (next_byte (self, cancellable, error) != '\\' ||
          next_byte (self, cancellable, error) != 'u')
        return self->state == STATE_FAILED
               ? FALSE : fail (self, error, _("a lone high surrogate in a string"));
      if (!read_code_unit (self, &low, cancellable, error))
        return FALSE;
      if (low < 0xdc00 || low > 0xdfff)
        return fail (self, error, _("a lone high surrogate in a string"));
      unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }

  g_string_append_unichar (self->string, (gunichar) unit);

  return TRUE;
}

/* The opening quote is taken already. Plain runs of text are copied a
 * buffer at a time; only quotes, escapes and control characters are
 * looked at one by one. A string holds no newline, so the column moves
 * with the bytes. */
static gboolean
read_string (BfgJsonPull   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_string_truncate (self->string, 0);

  for (;;)
    {
      const guchar *start;
      const guchar *p;
      const guchar *end;
      int c = peek_byte (self, cancellable, error);

      if (c == -2)
        return FALSE;
      if (c == -1)
        return fail (self, error, _("the text ends inside a string"));

      start = p = self->buf + self->pos;
      end = self->buf + self->len;
      while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
        p++;
      g_string_append_len (self->string, (const char *) start, p - start);
      self->pos += (gsize) (p - start);
      self->column += (guint) (p - start);
      if (p == end)
        continue;

      if (*p != '"' && *p != '\\')
        return fail (self, error, _("a control character in a string"));
      take_byte (self);
      if (*p == '"')
        break;
      if (!read_escape (self, cancellable, error))
        return FALSE;
    }

  if (!g_utf8_validate_len (self->string->str, self->string->len, NULL))
    return fail (self, error, _("a string that is not UTF-8"));

  return TRUE;
}

static gboolean
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

/* Takes digits while there are; says whether there was one at least. */
static gboolean
read_digits (BfgJsonPull   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean any = FALSE;
  int c;

  while (is_digit (c = peek_byte (self, cancellable, error)))
    {
      g_string_append_c (self->string, (char) c);
      take_byte (self);
      any = TRUE;
    }

  return any;
}

static BfgJsonToken
read_number (BfgJsonPull   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean integral = TRUE;
  int c;

  g_string_truncate (self->string, 0);

  if (peek_byte (self, cancellable, error) == '-')
    {
      g_string_append_c (self->string, '-');
      take_byte (self);
    }

  c = peek_byte (self, cancellable, error);
  if (c == '0')
    {
      g_string_append_c (self->string, '0');
      take_byte (self);
      if (is_digit (peek_byte (self, cancellable, error)))
        return fail_token (self, error, _("a number with a leading zero"));
    }
  else if (!read_digits (self, cancellable, error))
    return fail_token (self, error, _("a number without digits"));

  if (peek_byte (self, cancellable, error) == '.')
    {
      integral = FALSE;
      g_string_append_c (self->string, '.');
      take_byte (self);
      if (!read_digits (self, cancellable, error))
        return fail_token (self, error, _("a number without digits after its point"));
    }

  c = peek_byte (self, cancellable, error);
  if (c == 'e' || c == 'E')
    {
      integral = FALSE;
      g_string_append_c (self->string, 'e');
      take_byte (self);
      c = peek_byte (self, cancellable, error);
      if (c == '+' || c == '-')
        {
          g_string_append_c (self->string, (char) c);
          take_byte (self);
        }
      if (!read_digits (self, cancellable, error))
        return fail_token (self, error, _("a number without digits in its exponent"));
    }

  if (self->state == STATE_FAILED)
    return BFG_JSON_TOKEN_ERROR;

  /* An integer too large for 64 bits is a real number, as JSON has only
   * one number type. */
  if (integral &&
      g_ascii_string_to_signed (self->string->str, 10, G_MININT64, G_MAXINT64,
                                &self->integer, NULL))
    return BFG_JSON_TOKEN_INTEGER;

  return BFG_JSON_TOKEN_REAL;
}

static BfgJsonToken
read_literal (BfgJsonPull   *self,
              const char    *word,
              BfgJsonToken   token,
              GCancellable  *cancellable,
              GError       **error)
{
  for (const char *w = word; *w != '\0'; w++)
    {
      int c = next_byte (self, cancellable, error);

      if (c == -2)
        return BFG_JSON_TOKEN_ERROR;
      if (c != *w)
        return fail_token (self, error, _("an unknown word"));
    }

  return token;
}

static BfgJsonToken
open_container (BfgJsonPull  *self,
                char          kind,
                GError      **error)
{
  if (self->depth == MAX_DEPTH)
    return fail_token (self, error, _("too deeply nested"));

  self->stack[self->depth++] = kind;
  self->state = kind == '{' ? STATE_FIRST_MEMBER : STATE_FIRST_ELEMENT;

  return kind == '{' ? BFG_JSON_TOKEN_BEGIN_OBJECT : BFG_JSON_TOKEN_BEGIN_ARRAY;
}

static BfgJsonToken
close_container (BfgJsonPull *self)
{
  char kind = self->stack[--self->depth];

  self->state = STATE_AFTER_VALUE;

  return kind == '{' ? BFG_JSON_TOKEN_END_OBJECT : BFG_JSON_TOKEN_END_ARRAY;
}

static BfgJsonToken
read_value (BfgJsonPull   *self,
            int            c,
            GCancellable  *cancellable,
            GError       **error)
{
  BfgJsonToken token;

  switch (c)
    {
    case '{':
    case '[':
      take_byte (self);
      return open_container (self, (char) c, error);

    case '"':
      take_byte (self);
      token = read_string (self, cancellable, error) ? BFG_JSON_TOKEN_STRING
                                                      : BFG_JSON_TOKEN_ERROR;
      break;

    case 't':
      token = read_literal (self, "true", BFG_JSON_TOKEN_TRUE, cancellable, error);
      break;

    case 'f':
      token = read_literal (self, "false", BFG_JSON_TOKEN_FALSE, cancellable, error);
      break;

    case 'n':
      token = read_literal (self, "null", BFG_JSON_TOKEN_NULL, cancellable, error);
      break;

    case -2:
      return BFG_JSON_TOKEN_ERROR;

    case -1:
      return fail_token (self, error, _("the text ends where a value should be"));

    default:
      if (c == '-' || is_digit (c))
        {
          token = read_number (self, cancellable, error);
          break;
        }
      return fail_token (self, error, _("a value should be here"));
    }

  if (token != BFG_JSON_TOKEN_ERROR)
    self->state = STATE_AFTER_VALUE;

  return token;
}

/* The opening quote is next: a member name, its colon, and a value to
 * come. */
static BfgJsonToken
read_key (BfgJsonPull   *self,
          GCancellable  *cancellable,
          GError       **error)
{
  int c;

  take_byte (self);
  if (!read_string (self, cancellable, error))
    return BFG_JSON_TOKEN_ERROR;

  c = skip_space (self, cancellable, error);
  if (c == -2)
    return BFG_JSON_TOKEN_ERROR;
  if (c != ':')
    return fail_token (self, error, _("a colon should follow a member name"));
  take_byte (self);
  self->state = STATE_VALUE;

  return BFG_JSON_TOKEN_KEY;
}

/**
 * bfg_json_pull_next:
 * @self: a reader
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the next token. After %BFG_JSON_TOKEN_KEY, %BFG_JSON_TOKEN_STRING,
 * %BFG_JSON_TOKEN_INTEGER or %BFG_JSON_TOKEN_REAL, the text or the value
 * is available until the next call. Once it has returned
 * %BFG_JSON_TOKEN_ERROR it keeps returning it.
 *
 * Returns: the token, or %BFG_JSON_TOKEN_ERROR with @error set
 */
BfgJsonToken
bfg_json_pull_next (BfgJsonPull   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  int c;

  g_return_val_if_fail (self != NULL, BFG_JSON_TOKEN_ERROR);

  if (self->state == STATE_FAILED)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("the text could not be read further"));
      return BFG_JSON_TOKEN_ERROR;
    }
  if (self->state == STATE_DONE)
    return BFG_JSON_TOKEN_END;

  c = skip_space (self, cancellable, error);
  if (c == -2)
    return BFG_JSON_TOKEN_ERROR;

  switch (self->state)
    {
    case STATE_VALUE:
      return read_value (self, c, cancellable, error);

    case STATE_FIRST_MEMBER:
      if (c == '}')
        {
          take_byte (self);
          return close_container (self);
        }
      if (c == '"')
        return read_key (self, cancellable, error);
      return fail_token (self, error, _("a member name or } should be here"));

    case STATE_FIRST_ELEMENT:
      if (c == ']')
        {
          take_byte (self);
          return close_container (self);
        }
      return read_value (self, c, cancellable, error);

    case STATE_AFTER_VALUE:
      if (self->depth == 0)
        {
          if (c != -1)
            return fail_token (self, error, _("text after the end of the document"));
          self->state = STATE_DONE;
          return BFG_JSON_TOKEN_END;
        }

      if (c == (self->stack[self->depth - 1] == '{' ? '}' : ']'))
        {
          take_byte (self);
          return close_container (self);
        }
      if (c != ',')
        return fail_token (self, error, self->stack[self->depth - 1] == '{'
                                  ? _("a comma or } should be here")
                                  : _("a comma or ] should be here"));
      take_byte (self);

      c = skip_space (self, cancellable, error);
      if (c == -2)
        return BFG_JSON_TOKEN_ERROR;
      if (self->stack[self->depth - 1] == '[')
        return read_value (self, c, cancellable, error);
      if (c == '"')
        return read_key (self, cancellable, error);
      return fail_token (self, error, _("a member name should follow the comma"));

    case STATE_DONE:
    case STATE_FAILED:
    default:
      g_assert_not_reached ();
    }

  return BFG_JSON_TOKEN_ERROR;
}

/**
 * bfg_json_pull_skip_value:
 * @self: a reader
 * @first: the token just read, the start of the value to skip
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads past the rest of a value whose first token was @first: nothing
 * for a scalar, up to the matching closing bracket for a container.
 *
 * Returns: %TRUE when the value was skipped whole
 */
gboolean
bfg_json_pull_skip_value (BfgJsonPull   *self,
                          BfgJsonToken   first,
                          GCancellable  *cancellable,
                          GError       **error)
{
  guint depth;

  g_return_val_if_fail (self != NULL, FALSE);

  if (first == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (first != BFG_JSON_TOKEN_BEGIN_OBJECT && first != BFG_JSON_TOKEN_BEGIN_ARRAY)
    return TRUE;

  for (depth = 1; depth > 0;)
    {
      BfgJsonToken token = bfg_json_pull_next (self, cancellable, error);

      if (token == BFG_JSON_TOKEN_ERROR)
        return FALSE;
      if (token == BFG_JSON_TOKEN_BEGIN_OBJECT || token == BFG_JSON_TOKEN_BEGIN_ARRAY)
        depth++;
      else if (token == BFG_JSON_TOKEN_END_OBJECT || token == BFG_JSON_TOKEN_END_ARRAY)
        depth--;
    }

  return TRUE;
}

/**
 * bfg_json_pull_get_string:
 * @self: a reader
 * @length: (out) (optional): the text's length in bytes
 *
 * Returns: the text of the last key or string, valid UTF-8 without NUL,
 *   until the next token
 */
const char *
bfg_json_pull_get_string (BfgJsonPull *self,
                          gsize       *length)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->string->len;

  return self->string->str;
}

/**
 * bfg_json_pull_get_int:
 * @self: a reader
 *
 * Returns: the value of the last %BFG_JSON_TOKEN_INTEGER
 */
gint64
bfg_json_pull_get_int (BfgJsonPull *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->integer;
}
