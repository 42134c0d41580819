/* test-sha256.c: the SHA-256 that digests workspace rows
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bfg-sha256.h"

/* FIPS 180-2, appendix B: one block, two blocks, and nothing. */
static void
test_known_vectors (void)
{
  static const struct { const char *text; const char *digest; } vectors[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(BfgSha256) sum = bfg_sha256_new ();

      bfg_sha256_update (sum, vectors[i].text, strlen (vectors[i].text));
      g_assert_cmpstr (bfg_sha256_get_string (sum), ==, vectors[i].digest);

      /* Read twice, the digest is the same: it was closed once. */
      g_assert_cmpstr (bfg_sha256_get_string (sum), ==, vectors[i].digest);
    }
}

/* Rows arrive a few dozen bytes at a time: fed in pieces of every size,
 * the digest is GLib's SHA-256 of the whole, which the workspaces and
 * packets digested before. */
static void
test_pieces_match_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);
  g_autofree guchar *data = g_malloc (100000);
  g_autoptr(GChecksum) reference = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize i = 0; i < 100000; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  g_checksum_update (reference, data, 100000);

  for (gsize piece = 1; piece <= 4099; piece = piece * 3 + 1)
    {
      g_autoptr(BfgSha256) sum = bfg_sha256_new ();

      for (gsize at = 0; at < 100000; at += piece)
        bfg_sha256_update (sum, data + at, MIN (piece, 100000 - at));
      g_assert_cmpstr (bfg_sha256_get_string (sum), ==,
                       g_checksum_get_string (reference));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sha256/known-vectors", test_known_vectors);
  g_test_add_func ("/sha256/pieces-match-glib", test_pieces_match_glib);

  return g_test_run ();
}
