/* bfg-json-pull.h: a JSON reader that hands out one token at a time
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * BfgJsonToken:
 * @BFG_JSON_TOKEN_BEGIN_OBJECT: `{`
 * @BFG_JSON_TOKEN_END_OBJECT: `}`
 * @BFG_JSON_TOKEN_BEGIN_ARRAY: `[`
 * @BFG_JSON_TOKEN_END_ARRAY: `]`
 * @BFG_JSON_TOKEN_KEY: a member name; its value is the next token
 * @BFG_JSON_TOKEN_STRING: a string value
 * @BFG_JSON_TOKEN_INTEGER: a number without fraction or exponent that
 *   fits a #gint64
 * @BFG_JSON_TOKEN_REAL: any other number
 * @BFG_JSON_TOKEN_TRUE: `true`
 * @BFG_JSON_TOKEN_FALSE: `false`
 * @BFG_JSON_TOKEN_NULL: `null`
 * @BFG_JSON_TOKEN_END: the end of the document, after its one value
 * @BFG_JSON_TOKEN_ERROR: the input is not JSON, or could not be read
 */
typedef enum
{
  BFG_JSON_TOKEN_BEGIN_OBJECT,
  BFG_JSON_TOKEN_END_OBJECT,
  BFG_JSON_TOKEN_BEGIN_ARRAY,
  BFG_JSON_TOKEN_END_ARRAY,
  BFG_JSON_TOKEN_KEY,
  BFG_JSON_TOKEN_STRING,
  BFG_JSON_TOKEN_INTEGER,
  BFG_JSON_TOKEN_REAL,
  BFG_JSON_TOKEN_TRUE,
  BFG_JSON_TOKEN_FALSE,
  BFG_JSON_TOKEN_NULL,
  BFG_JSON_TOKEN_END,
  BFG_JSON_TOKEN_ERROR,
} BfgJsonToken;

typedef struct _BfgJsonPull BfgJsonPull;

BfgJsonPull  *bfg_json_pull_new        (GInputStream  *stream);
void          bfg_json_pull_free       (BfgJsonPull   *self);
BfgJsonToken  bfg_json_pull_next       (BfgJsonPull   *self,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean      bfg_json_pull_skip_value (BfgJsonPull   *self,
                                        BfgJsonToken   first,
                                        GCancellable  *cancellable,
                                        GError       **error);
const char   *bfg_json_pull_get_string (BfgJsonPull   *self,
                                        gsize         *length);
gint64        bfg_json_pull_get_int    (BfgJsonPull   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgJsonPull, bfg_json_pull_free)

G_END_DECLS
