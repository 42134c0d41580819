/* bfg-sha256.c: SHA-256 of the rows the console digests
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/evp.h>

#include "bfg-sha256.h"

struct _BfgSha256
{
  EVP_MD_CTX *ctx;

  /* Filled once the digest is read; no update may follow, as with
   * g_checksum_get_string(). */
  gboolean    done;
  char        hex[EVP_MAX_MD_SIZE * 2 + 1];
};

/* Fetched once: an implicit fetch through EVP_sha256() on every
 * initialisation costs a lookup in the provider's tables. */
static EVP_MD *
sha256_md (void)
{
  static EVP_MD *md;

  if (g_once_init_enter_pointer (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      if (fetched == NULL)
        g_error ("libcrypto has no SHA-256");
      g_once_init_leave_pointer (&md, fetched);
    }

  return md;
}

/**
 * bfg_sha256_new:
 *
 * Returns: (transfer full): a SHA-256 of nothing yet
 */
BfgSha256 *
bfg_sha256_new (void)
{
  BfgSha256 *self = g_new0 (BfgSha256, 1);

  self->ctx = EVP_MD_CTX_new ();
  if (self->ctx == NULL || EVP_DigestInit_ex2 (self->ctx, sha256_md (), NULL) != 1)
    g_error ("libcrypto cannot start a SHA-256");

  return self;
}

/**
 * bfg_sha256_update:
 * @self: a digest still open
 * @data: (array length=length): bytes
 * @length: how many
 *
 * Feeds @data to the digest.
 */
void
bfg_sha256_update (BfgSha256  *self,
                   const void *data,
                   gsize       length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->done);

  if (length > 0 && EVP_DigestUpdate (self->ctx, data, length) != 1)
    g_error ("libcrypto cannot update a SHA-256");
}

/**
 * bfg_sha256_get_string:
 * @self: a digest
 *
 * Closes the digest, if it is still open, and gives it.
 *
 * Returns: the digest as 64 lowercase hex digits, owned by @self
 */
const char *
bfg_sha256_get_string (BfgSha256 *self)
{
  static const char digits[] = "0123456789abcdef";
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->done)
    return self->hex;

  if (EVP_DigestFinal_ex (self->ctx, md, &length) != 1)
    g_error ("libcrypto cannot finish a SHA-256");

  for (unsigned int i = 0; i < length; i++)
    {
      self->hex[2 * i] = digits[md[i] >> 4];
      self->hex[2 * i + 1] = digits[md[i] & 0xf];
    }
  self->hex[2 * length] = '\0';
  self->done = TRUE;

  return self->hex;
}

/**
 * bfg_sha256_free:
 * @self: (nullable): a digest
 */
void
bfg_sha256_free (BfgSha256 *self)
{
  if (self == NULL)
    return;

  EVP_MD_CTX_free (self->ctx);
  g_free (self);
}
