/* fuzz-common.h: what every fuzz harness shares
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A harness defines LLVMFuzzerTestOneInput() and, when it needs state
 * that outlives one input, LLVMFuzzerInitialize(). It is linked either
 * with libFuzzer (-Dfuzzing=true, clang) or with fuzz-replay.c, whose
 * main() feeds it the files of its corpus, so that every input that ever
 * crashed stays a regression test of the normal suite.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int          LLVMFuzzerInitialize   (int            *argc,
                                     char         ***argv);
int          LLVMFuzzerTestOneInput (const uint8_t  *data,
                                     size_t          size);

void         fuzz_common_init       (void);
const char  *fuzz_common_tmpdir     (void);
gboolean     fuzz_common_write      (const char     *path,
                                     const uint8_t  *data,
                                     size_t          size);

G_END_DECLS
