/* test-json-pull.c: the streaming JSON reader of snapshot import
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bfg-json-pull.h"

static BfgJsonPull *
pull_for (const char *text,
          gssize      len)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = (gssize) strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, (gsize) len),
                                                len, g_free);

  return bfg_json_pull_new (stream);
}

/* The tokens of a document, one word each, with values. */
static char *
tokens_of (const char  *text,
           gssize       len,
           GError     **error)
{
  g_autoptr(BfgJsonPull) pull = pull_for (text, len);
  g_autoptr(GString) out = g_string_new (NULL);

  for (;;)
    {
      BfgJsonToken token = bfg_json_pull_next (pull, NULL, error);

      if (out->len > 0 && token != BFG_JSON_TOKEN_END)
        g_string_append_c (out, ' ');

      switch (token)
        {
        case BFG_JSON_TOKEN_BEGIN_OBJECT: g_string_append (out, "{"); break;
        case BFG_JSON_TOKEN_END_OBJECT: g_string_append (out, "}"); break;
        case BFG_JSON_TOKEN_BEGIN_ARRAY: g_string_append (out, "["); break;
        case BFG_JSON_TOKEN_END_ARRAY: g_string_append (out, "]"); break;
        case BFG_JSON_TOKEN_KEY:
          g_string_append_printf (out, "k:%s", bfg_json_pull_get_string (pull, NULL));
          break;
        case BFG_JSON_TOKEN_STRING:
          g_string_append_printf (out, "s:%s", bfg_json_pull_get_string (pull, NULL));
          break;
        case BFG_JSON_TOKEN_INTEGER:
          g_string_append_printf (out, "i:%" G_GINT64_FORMAT, bfg_json_pull_get_int (pull));
          break;
        case BFG_JSON_TOKEN_REAL: g_string_append (out, "real"); break;
        case BFG_JSON_TOKEN_TRUE: g_string_append (out, "true"); break;
        case BFG_JSON_TOKEN_FALSE: g_string_append (out, "false"); break;
        case BFG_JSON_TOKEN_NULL: g_string_append (out, "null"); break;
        case BFG_JSON_TOKEN_END: return g_string_free (g_steal_pointer (&out), FALSE);
        case BFG_JSON_TOKEN_ERROR: return NULL;
        default: g_assert_not_reached ();
        }
    }
}

static void
assert_tokens (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = tokens_of (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_tokens (void)
{
  assert_tokens ("{}", "{ }");
  assert_tokens (" [ ] ", "[ ]");
  assert_tokens ("{\"a\": [1, -2, 0, 1.5, 2e3, true, false, null, \"x\"], \"b\": {}}",
                 "{ k:a [ i:1 i:-2 i:0 real real true false null s:x ] k:b { } }");
  assert_tokens ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "s:\"\\/\b\f\n\r\t");
  assert_tokens ("\"\\u0041\\u00e9\\u20ac\\ud834\\udd1e\"", "s:Aé€𝄞");
  assert_tokens ("\"Łódź → Львів\"", "s:Łódź → Львів");
  assert_tokens ("9223372036854775807", "i:9223372036854775807");
  assert_tokens ("-9223372036854775808", "i:-9223372036854775808");

  /* Past 64 bits an integer is a real number, as JSON has one number
   * type. */
  assert_tokens ("9223372036854775808", "real");
}

static void
test_errors (void)
{
  static const char * const bad[] = {
    "", "   ", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "{1: 2}", "[1 2]",
    "01", "-", "1.", "1e", "1e+", ".5", "+1", "tru", "nul", "True", "[1]]",
    "{} {}", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\udd1e\"",
    "\"\\ud834\"", "\"\\ud834\\u0041\"", "\"\\u0000\"", "\"\xff\"", "[\"a\":1]",
    "{\"a\":1 \"b\":2}", "nulll", "[1,,2]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = tokens_of (bad[i], -1, &error);

      if (got != NULL)
        g_error ("%s read as %s", bad[i], got);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      if (strstr (error->message, "line 1, column") == NULL)
        g_error ("%s: %s", bad[i], error->message);
    }

  /* The depth is bounded. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *got = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    got = tokens_of (deep->str, -1, &error);
    g_assert_null (got);
    g_assert_nonnull (strstr (error->message, "too deeply nested"));
  }

  /* An embedded NUL byte is a control character, not the end. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *got = tokens_of ("\"a\0b\"", 5, &error);

    g_assert_null (got);
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  }

  /* The position is that of the problem. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *got = tokens_of ("{\n  \"a\": 1,\n  \"b\" 2\n}", -1, &error);

    g_assert_null (got);
    g_assert_nonnull (strstr (error->message, "line 3, column"));
  }
}

/* Strings and numbers that span the reader's 64 KiB buffers. */
static void
test_buffer_edges (void)
{
  for (gsize pad = 65520; pad < 65545; pad++)
    {
      g_autoptr(GString) doc = g_string_new ("[\"");
      g_autoptr(GString) expected = g_string_new ("[ s:");
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;

      for (gsize i = 0; i < pad; i++)
        g_string_append_c (doc, (char) ('a' + i % 26));
      g_string_append (expected, doc->str + 2);
      g_string_append (doc, "\\u00e9\", 123456789, \"é\"]");
      g_string_append (expected, "é i:123456789 s:é ]");

      got = tokens_of (doc->str, (gssize) doc->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected->str);
    }
}

/* Any document json-glib writes reads back as the same values. */
static void
walk (JsonNode *node,
      GString  *out)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (obj);

        g_string_append (out, "{");
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_string_append_printf (out, " k:%s", (const char *) l->data);
            walk (json_object_get_member (obj, l->data), out);
          }
        g_string_append (out, " }");
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append (out, "[");
        for (guint i = 0; i < json_array_get_length (array); i++)
          walk (json_array_get_element (array, i), out);
        g_string_append (out, " ]");
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (out, "i:%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (out, "s:%s", json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      else
        g_string_append (out, "real");
      break;
    }
}

static JsonNode *
random_node (GRand *rand,
             guint  depth)
{
  static const char * const words[] = {
    "", "a", "ord-0001", "Łódź", "\"quoted\"", "back\\slash", "tab\there", "€", "😀",
  };
  JsonNode *node = json_node_alloc ();
  int kind = g_rand_int_range (rand, 0, depth < 4 ? 7 : 5);

  switch (kind)
    {
    case 0:
      json_node_init_null (node);
      break;
    case 1:
      json_node_init_int (node, g_rand_int_range (rand, -100000, 100000) *
                                (gint64) g_rand_int_range (rand, 1, 100000));
      break;
    case 2:
      json_node_init_string (node, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      break;
    case 3:
      json_node_init_boolean (node, g_rand_boolean (rand));
      break;
    case 4:
      json_node_init_double (node, g_rand_double_range (rand, -1e6, 1e6) + 0.5);
      break;
    case 5:
      {
        JsonArray *array = json_array_new ();
        int n = g_rand_int_range (rand, 0, 5);

        for (int i = 0; i < n; i++)
          json_array_add_element (array, random_node (rand, depth + 1));
        json_node_init_array (node, array);
        json_array_unref (array);
      }
      break;
    default:
      {
        JsonObject *obj = json_object_new ();
        int n = g_rand_int_range (rand, 0, 5);

        for (int i = 0; i < n; i++)
          {
            const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
            g_autofree char *key = g_strdup_printf ("%s%d", word, i);

            json_object_set_member (obj, key, random_node (rand, depth + 1));
          }
        json_node_init_object (node, obj);
        json_object_unref (obj);
      }
      break;
    }

  return node;
}

static void
test_against_json_glib (void)
{
  GRand *rand = g_rand_new_with_seed (20261203);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(JsonNode) root = random_node (rand, 0);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *got = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, round % 2 == 0);
      text = json_generator_to_data (generator, NULL);
      walk (root, expected);

      got = tokens_of (text, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected->str);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-pull/tokens", test_tokens);
  g_test_add_func ("/json-pull/errors", test_errors);
  g_test_add_func ("/json-pull/buffer-edges", test_buffer_edges);
  g_test_add_func ("/json-pull/against-json-glib", test_against_json_glib);

  return g_test_run ();
}
