/* bfg-endpoint.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-endpoint.h"

#include <gio/gio.h>
#include <string.h>

#include "bfg-error.h"

/* PostgreSQL truncates longer identifiers (NAMEDATALEN - 1) without
 * complaint, so a longer name would silently address another object. */
#define MAX_IDENTIFIER_BYTES 63
#define MAX_HOST_BYTES 253
#define MAX_LABEL_BYTES 63

/**
 * BfgEndpoint:
 *
 * An immutable description of the production PostgreSQL endpoint: host,
 * port, database, user, TLS mode and an optional CA file. It never holds
 * the password, which lives only in the keyring (see bfg-secret.h).
 */
struct _BfgEndpoint
{
  GObject     parent_instance;

  char       *host;
  char       *database;
  char       *user;
  char       *ca_file;
  guint       port;
  BfgSslMode  sslmode;
};

G_DEFINE_FINAL_TYPE (BfgEndpoint, bfg_endpoint, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_DATABASE,
  PROP_USER,
  PROP_SSLMODE,
  PROP_CA_FILE,
  PROP_WEAK_TLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue ssl_mode_values[] = {
  { BFG_SSL_MODE_VERIFY_FULL, "BFG_SSL_MODE_VERIFY_FULL", "verify-full" },
  { BFG_SSL_MODE_VERIFY_CA, "BFG_SSL_MODE_VERIFY_CA", "verify-ca" },
  { BFG_SSL_MODE_REQUIRE, "BFG_SSL_MODE_REQUIRE", "require" },
  { 0, NULL, NULL },
};

GType
bfg_ssl_mode_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter_pointer (&type))
    g_once_init_leave_pointer (&type,
                               g_enum_register_static ("BfgSslMode",
                                                       ssl_mode_values));

  return type;
}

/**
 * bfg_ssl_mode_to_string:
 * @mode: a #BfgSslMode
 *
 * Returns: (transfer none): the libpq spelling of @mode, such as
 *   "verify-full", or %NULL for a value outside the enumeration
 */
const char *
bfg_ssl_mode_to_string (BfgSslMode mode)
{
  for (guint i = 0; ssl_mode_values[i].value_nick != NULL; i++)
    {
      if ((BfgSslMode) ssl_mode_values[i].value == mode)
        return ssl_mode_values[i].value_nick;
    }

  return NULL;
}

/**
 * bfg_ssl_mode_from_string:
 * @text: a libpq sslmode such as "verify-ca"
 * @mode: (out): where to store the mode
 *
 * Returns: %TRUE if @text names an accepted mode. Weaker libpq modes
 *   (prefer, allow, disable) are refused on purpose.
 */
gboolean
bfg_ssl_mode_from_string (const char *text,
                          BfgSslMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; ssl_mode_values[i].value_nick != NULL; i++)
    {
      if (strcmp (ssl_mode_values[i].value_nick, text) == 0)
        {
          *mode = ssl_mode_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_control_chars (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p == 0x7f)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_valid_hostname (const char *host)
{
  gsize label_len = 0;

  for (const char *p = host; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          /* Empty labels ("a..b", ".a", "a.") and labels with a hyphen at
           * either end are not host names. */
          if (label_len == 0 || label_len > MAX_LABEL_BYTES)
            return FALSE;
          if (p[-1] == '-' || p[-(gssize) label_len] == '-')
            return FALSE;
          if (*p == '\0')
            return TRUE;
          label_len = 0;
          continue;
        }

      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
      label_len++;
    }
}

static gboolean
validate_identifier (const char  *value,
                     const char  *what,
                     gint         code,
                     GError     **error)
{
  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, BFG_ENDPOINT_ERROR, code, _("The %s is empty"), what);
      return FALSE;
    }

  if (strlen (value) > MAX_IDENTIFIER_BYTES)
    {
      g_set_error (error, BFG_ENDPOINT_ERROR, code,
                   _("The %s is longer than %d bytes, which PostgreSQL would "
                   "silently truncate"), what, MAX_IDENTIFIER_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL) || has_control_chars (value))
    {
      g_set_error (error, BFG_ENDPOINT_ERROR, code,
                   _("The %s holds control characters or invalid UTF-8"), what);
      return FALSE;
    }

  return TRUE;
}

static void
bfg_endpoint_finalize (GObject *object)
{
  BfgEndpoint *self = (BfgEndpoint *) object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (bfg_endpoint_parent_class)->finalize (object);
}

static void
bfg_endpoint_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BfgEndpoint *self = BFG_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_SSLMODE:
      g_value_set_enum (value, self->sslmode);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_WEAK_TLS:
      g_value_set_boolean (value, bfg_endpoint_get_weak_tls (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_endpoint_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BfgEndpoint *self = BFG_ENDPOINT (object);

  /* Every property is construct-only: an endpoint is a value, and a
   * changed endpoint is a new object that must be validated again. */
  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_string (value);
      break;

    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;

    case PROP_DATABASE:
      self->database = g_value_dup_string (value);
      break;

    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;

    case PROP_SSLMODE:
      self->sslmode = g_value_get_enum (value);
      break;

    case PROP_CA_FILE:
      self->ca_file = g_value_dup_string (value);
      /* An empty path means "no CA file": use the system trust store. */
      if (self->ca_file != NULL && self->ca_file[0] == '\0')
        g_clear_pointer (&self->ca_file, g_free);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_endpoint_class_init (BfgEndpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bfg_endpoint_finalize;
  object_class->get_property = bfg_endpoint_get_property;
  object_class->set_property = bfg_endpoint_set_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT,
                       BFG_ENDPOINT_DEFAULT_PORT, flags);
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL, flags);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL, flags);
  properties[PROP_SSLMODE] =
    g_param_spec_enum ("sslmode", NULL, NULL, BFG_TYPE_SSL_MODE,
                       BFG_SSL_MODE_VERIFY_FULL, flags);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL, flags);

  /**
   * BfgEndpoint:weak-tls:
   *
   * Whether the TLS mode encrypts without authenticating the server
   * (sslmode=require). The console allows it but flags it.
   */
  properties[PROP_WEAK_TLS] =
    g_param_spec_boolean ("weak-tls", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bfg_endpoint_init (BfgEndpoint *self)
{
  self->port = BFG_ENDPOINT_DEFAULT_PORT;
  self->sslmode = BFG_SSL_MODE_VERIFY_FULL;
}

/**
 * bfg_endpoint_new:
 * @host: a host name or IP address
 * @port: the TCP port, usually 5432
 * @database: the database name
 * @user: the login role
 * @sslmode: the TLS mode
 * @ca_file: (nullable): a PEM file of trusted CAs, or %NULL for the system
 *   trust store
 *
 * Makes an endpoint without checking it; call bfg_endpoint_validate()
 * before using it.
 *
 * Returns: (transfer full): a new #BfgEndpoint
 */
BfgEndpoint *
bfg_endpoint_new (const char *host,
                  guint       port,
                  const char *database,
                  const char *user,
                  BfgSslMode  sslmode,
                  const char *ca_file)
{
  return g_object_new (BFG_TYPE_ENDPOINT,
                       "host", host,
                       "port", port,
                       "database", database,
                       "user", user,
                       "sslmode", sslmode,
                       "ca-file", ca_file,
                       NULL);
}

const char *
bfg_endpoint_get_host (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), NULL);

  return self->host;
}

guint
bfg_endpoint_get_port (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), 0);

  return self->port;
}

const char *
bfg_endpoint_get_database (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), NULL);

  return self->database;
}

const char *
bfg_endpoint_get_user (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), NULL);

  return self->user;
}

BfgSslMode
bfg_endpoint_get_sslmode (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), BFG_SSL_MODE_VERIFY_FULL);

  return self->sslmode;
}

/**
 * bfg_endpoint_get_ca_file:
 * @self: a #BfgEndpoint
 *
 * Returns: (nullable): the CA file, or %NULL when the system trust store
 *   is used
 */
const char *
bfg_endpoint_get_ca_file (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), NULL);

  return self->ca_file;
}

/**
 * bfg_endpoint_get_weak_tls:
 * @self: a #BfgEndpoint
 *
 * Returns: %TRUE when the connection is encrypted but the server is not
 *   authenticated (sslmode=require); the UI and the packets flag it
 */
gboolean
bfg_endpoint_get_weak_tls (BfgEndpoint *self)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), FALSE);

  return self->sslmode == BFG_SSL_MODE_REQUIRE;
}

/**
 * bfg_endpoint_validate:
 * @self: a #BfgEndpoint
 * @error: return location for a #BfgEndpointError
 *
 * Checks every field: the host is a host name or IP address, the port is
 * in range, the database and user are names PostgreSQL keeps intact, the
 * TLS mode is one of the accepted ones and the CA file, if any, is an
 * absolute path.
 *
 * Returns: %TRUE if the endpoint is usable
 */
gboolean
bfg_endpoint_validate (BfgEndpoint  *self,
                       GError      **error)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->host == NULL || self->host[0] == '\0')
    {
      g_set_error_literal (error, BFG_ENDPOINT_ERROR,
                           BFG_ENDPOINT_ERROR_INVALID_HOST, _("The host is empty"));
      return FALSE;
    }

  if (strlen (self->host) > MAX_HOST_BYTES ||
      (!g_hostname_is_ip_address (self->host) && !is_valid_hostname (self->host)))
    {
      g_set_error (error, BFG_ENDPOINT_ERROR, BFG_ENDPOINT_ERROR_INVALID_HOST,
                   _("“%s” is neither a host name nor an IP address; write "
                   "international names in their ASCII (xn--) form"),
                   g_utf8_validate (self->host, -1, NULL) ? self->host : "?");
      return FALSE;
    }

  if (self->port == 0 || self->port > G_MAXUINT16)
    {
      g_set_error (error, BFG_ENDPOINT_ERROR, BFG_ENDPOINT_ERROR_INVALID_PORT,
                   _("The port %u is outside 1–65535"), self->port);
      return FALSE;
    }

  if (!validate_identifier (self->database, _("database name"),
                            BFG_ENDPOINT_ERROR_INVALID_DATABASE, error))
    return FALSE;

  if (!validate_identifier (self->user, _("user name"),
                            BFG_ENDPOINT_ERROR_INVALID_USER, error))
    return FALSE;

  if (bfg_ssl_mode_to_string (self->sslmode) == NULL)
    {
      g_set_error_literal (error, BFG_ENDPOINT_ERROR,
                           BFG_ENDPOINT_ERROR_INVALID_SSLMODE,
                           _("The TLS mode must be verify-full, verify-ca or require"));
      return FALSE;
    }

  if (self->ca_file != NULL &&
      (!g_path_is_absolute (self->ca_file) || has_control_chars (self->ca_file)))
    {
      g_set_error_literal (error, BFG_ENDPOINT_ERROR,
                           BFG_ENDPOINT_ERROR_INVALID_CA_FILE,
                           _("The CA file must be given as an absolute path"));
      return FALSE;
    }

  return TRUE;
}

/**
 * bfg_endpoint_to_redacted_uri:
 * @self: a #BfgEndpoint
 *
 * Renders the endpoint as
 * `postgresql://USER@HOST:PORT/DB?sslmode=MODE`, with IPv6 hosts in
 * brackets and the user and database percent-encoded. It has no password
 * by construction, so it is safe for logs, packets and the workspace.
 *
 * Returns: (transfer full): the redacted URI
 */
char *
bfg_endpoint_to_redacted_uri (BfgEndpoint *self)
{
  g_autofree char *user = NULL;
  g_autofree char *database = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (BFG_IS_ENDPOINT (self), NULL);

  user = g_uri_escape_string (self->user ? self->user : "", NULL, FALSE);
  database = g_uri_escape_string (self->database ? self->database : "", NULL, FALSE);

  if (self->host != NULL && strchr (self->host, ':') != NULL)
    {
      /* A zone id ("fe80::1%eth0") needs its "%" escaped inside brackets. */
      g_autofree char *escaped = g_uri_escape_string (self->host, ":", FALSE);

      host = g_strdup_printf ("[%s]", escaped);
    }
  else
    {
      host = g_uri_escape_string (self->host ? self->host : "", NULL, FALSE);
    }

  return g_strdup_printf ("postgresql://%s@%s:%u/%s?sslmode=%s",
                          user, host, self->port, database,
                          bfg_ssl_mode_to_string (self->sslmode) ?: "invalid");
}

static gboolean
uri_error (GError     **error,
           const char  *message)
{
  g_set_error (error, BFG_ENDPOINT_ERROR, BFG_ENDPOINT_ERROR_INVALID_URI,
               _("Not an endpoint URI: %s"), message);
  return FALSE;
}

static gboolean
parse_query (const char  *query,
             BfgSslMode  *sslmode,
             char       **ca_file,
             GError     **error)
{
  g_autoptr(GHashTable) params = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return TRUE;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return uri_error (error, "the query is malformed");

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (strcmp (key, "sslmode") == 0)
        {
          if (!bfg_ssl_mode_from_string (value, sslmode))
            {
              g_set_error_literal (error, BFG_ENDPOINT_ERROR,
                                   BFG_ENDPOINT_ERROR_INVALID_SSLMODE,
                                   _("The TLS mode must be verify-full, verify-ca or require"));
              return FALSE;
            }
        }
      else if (strcmp (key, "sslrootcert") == 0)
        {
          g_free (*ca_file);
          *ca_file = g_strdup (value);
        }
      else if (strcmp (key, "password") == 0)
        {
          return uri_error (error, "it carries a password, which belongs in the keyring");
        }
      else
        {
          return uri_error (error, "it has a parameter other than sslmode and sslrootcert");
        }
    }

  return TRUE;
}

/**
 * bfg_endpoint_new_from_uri:
 * @uri: a URI in the form bfg_endpoint_to_redacted_uri() writes
 * @error: return location for a #BfgEndpointError
 *
 * Parses `postgresql://USER@HOST[:PORT]/DB[?sslmode=MODE][&sslrootcert=F]`
 * (the scheme may also be `postgres`). A URI that carries a password is
 * refused rather than silently stripped, so that the caller notices.
 * The port defaults to 5432 and the TLS mode to verify-full.
 *
 * Returns: (transfer full) (nullable): a validated #BfgEndpoint
 */
BfgEndpoint *
bfg_endpoint_new_from_uri (const char  *uri,
                           GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *database = NULL;
  BfgSslMode sslmode = BFG_SSL_MODE_VERIFY_FULL;
  const char *scheme, *path, *host;
  gint port;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_QUERY |
                        G_URI_FLAGS_ENCODED_PATH, NULL);
  if (parsed == NULL)
    {
      uri_error (error, "it cannot be parsed");
      return NULL;
    }

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "postgresql") != 0 &&
      g_ascii_strcasecmp (scheme, "postgres") != 0)
    {
      uri_error (error, "the scheme is not postgresql");
      return NULL;
    }

  if (g_uri_get_password (parsed) != NULL)
    {
      uri_error (error, "it carries a password, which belongs in the keyring");
      return NULL;
    }

  if (g_uri_get_user (parsed) == NULL)
    {
      uri_error (error, "it names no user");
      return NULL;
    }

  host = g_uri_get_host (parsed);
  if (host == NULL || host[0] == '\0')
    {
      uri_error (error, "it names no host");
      return NULL;
    }

  /* The path stays encoded so that an escaped "/" (%2F) in a database
   * name is not mistaken for a second path segment. */
  path = g_uri_get_path (parsed);
  if (path == NULL || path[0] != '/' || path[1] == '\0' || strchr (path + 1, '/') != NULL)
    {
      uri_error (error, "the path must be exactly one database name");
      return NULL;
    }
  database = g_uri_unescape_string (path + 1, NULL);
  if (database == NULL)
    {
      uri_error (error, "the database name is badly escaped");
      return NULL;
    }

  if (g_uri_get_fragment (parsed) != NULL)
    {
      uri_error (error, "it has a fragment");
      return NULL;
    }

  if (!parse_query (g_uri_get_query (parsed), &sslmode, &ca_file, error))
    return NULL;

  port = g_uri_get_port (parsed);
  endpoint = bfg_endpoint_new (host,
                               port < 0 ? BFG_ENDPOINT_DEFAULT_PORT : (guint) port,
                               database,
                               g_uri_get_user (parsed),
                               sslmode,
                               ca_file);

  if (!bfg_endpoint_validate (endpoint, error))
    return NULL;

  return g_steal_pointer (&endpoint);
}

/**
 * bfg_endpoint_equal:
 * @a: a #BfgEndpoint
 * @b: a #BfgEndpoint
 *
 * Returns: %TRUE if both describe the same endpoint in every field
 */
gboolean
bfg_endpoint_equal (BfgEndpoint *a,
                    BfgEndpoint *b)
{
  g_return_val_if_fail (BFG_IS_ENDPOINT (a), FALSE);
  g_return_val_if_fail (BFG_IS_ENDPOINT (b), FALSE);

  return g_strcmp0 (a->host, b->host) == 0 &&
         a->port == b->port &&
         g_strcmp0 (a->database, b->database) == 0 &&
         g_strcmp0 (a->user, b->user) == 0 &&
         a->sslmode == b->sslmode &&
         g_strcmp0 (a->ca_file, b->ca_file) == 0;
}
