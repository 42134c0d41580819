/* bfg-audit-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column view over BfgAuditList: rows are recycled widgets, and the list
 * reads events a page at a time, so a million events scroll like ten.
 *
 * Scrolling rebinds every visible row on every jump, so a bind must cost
 * next to nothing: each cell is a GtkInscription, whose size comes from
 * its character counts rather than from laying out its text, so rows have
 * one fixed height and a new text never makes the view measure again; and
 * the item already holds every cell's string.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-audit-item.h"
#include "bfg-audit-page.h"
#include "bfg-models.h"
#include "bfg-plan.h"

struct _BfgAuditPage
{
  BfgEnginePage      parent_instance;

  BfgAuditList      *list;
  GtkStringList     *actor_ids;
  GtkStringList     *section_ids;

  GtkColumnView     *column_view;
  GtkColumnViewColumn *seq_column;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  AdwStatusPage     *empty_page;
  AdwSpinner        *spinner;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *actor_dropdown;
  GtkDropDown       *section_dropdown;
  GtkToggleButton   *newest_first;
};

G_DEFINE_FINAL_TYPE (BfgAuditPage, bfg_audit_page, BFG_TYPE_ENGINE_PAGE)

typedef struct
{
  const char *id;
  const char *title;
  const char *(*get_text) (BfgAuditItem *item);
  guint       nat_chars;
  gboolean    expand;
  gboolean    monospace;
} ColumnInfo;

/* Natural widths fit the usual values (a 7-digit seq, an ISO time with
 * microseconds, the seed's actor, action and check ids); longer ones are
 * ellipsized, and every column can be resized. */
static const ColumnInfo columns[] = {
  { "seq", N_("#"), bfg_audit_item_get_seq_text, 7, FALSE, TRUE },
  { "time", N_("Time"), bfg_audit_item_get_local_time, 20, FALSE, TRUE },
  { "actor", N_("Actor"), bfg_audit_item_get_actor, 21, FALSE, TRUE },
  { "action", N_("Action"), bfg_audit_item_get_action, 18, FALSE, TRUE },
  { "check", N_("Check"), bfg_audit_item_get_check, 26, FALSE, TRUE },
  { "detail", N_("Detail"), bfg_audit_item_get_detail, 40, TRUE, FALSE },
};

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const ColumnInfo         *column)
{
  GtkWidget *cell;

  cell = g_object_new (GTK_TYPE_INSCRIPTION,
                       "min-chars", 4,
                       "nat-chars", column->nat_chars,
                       "min-lines", 1,
                       "nat-lines", 1,
                       "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                       NULL);
  if (column->monospace)
    gtk_widget_add_css_class (cell, "monospace");
  gtk_list_item_set_child (item, cell);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnInfo         *column)
{
  BfgAuditItem *event = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));

  gtk_inscription_set_text (cell, column->get_text (event));
}

/* The trail is sorted by the database, not by a sort model: a column
 * header only picks the order, which the list turns into SQL. */
static int
keep_order_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return GTK_ORDERING_EQUAL;
}

static void
update_empty_state (BfgAuditPage *self)
{
  gboolean filtered;

  if (self->list == NULL || self->stack == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "events");
      return;
    }

  filtered = gtk_drop_down_get_selected (self->actor_dropdown) > 0 ||
             gtk_drop_down_get_selected (self->section_dropdown) > 0 ||
             *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
  adw_status_page_set_title (self->empty_page,
                             filtered ? _("No Matching Events") : _("No Audit Events"));
  adw_status_page_set_description (self->empty_page,
                                   filtered
                                   ? _("Try another search, actor or section.")
                                   : _("Every recorded piece of evidence, acceptance and "
                                       "revocation appears here, chained by hash."));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_list_n_items_cb (BfgAuditPage *self)
{
  update_empty_state (self);
}

static void
on_sorter_changed_cb (BfgAuditPage *self)
{
  GtkColumnViewSorter *sorter;
  gboolean descending;

  /* Taking the columns down in dispose changes the sorter too. */
  if (self->column_view == NULL || self->newest_first == NULL)
    return;

  sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (self->column_view));
  if (gtk_column_view_sorter_get_primary_sort_column (sorter) == NULL)
    return;

  descending = gtk_column_view_sorter_get_primary_sort_order (sorter) == GTK_SORT_DESCENDING;
  gtk_toggle_button_set_active (self->newest_first, descending);
}

static void
on_filters_changed_cb (BfgAuditPage *self)
{
  guint actor = gtk_drop_down_get_selected (self->actor_dropdown);
  guint section = gtk_drop_down_get_selected (self->section_dropdown);

  /* Position 0 of both drop-downs is "All". */
  bfg_audit_list_set_actor (self->list, actor > 0 && actor != GTK_INVALID_LIST_POSITION
                            ? gtk_string_list_get_string (self->actor_ids, actor - 1)
                            : NULL);
  bfg_audit_list_set_section (self->list, section > 0 && section != GTK_INVALID_LIST_POSITION
                              ? gtk_string_list_get_string (self->section_ids, section - 1)
                              : NULL);
  bfg_audit_list_set_text (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  bfg_audit_list_set_descending (self->list, gtk_toggle_button_get_active (self->newest_first));

  /* The "#" header shows the same order as the toggle. */
  if (self->seq_column != NULL)
    gtk_column_view_sort_by_column (self->column_view, self->seq_column,
                                    gtk_toggle_button_get_active (self->newest_first)
                                    ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  update_empty_state (self);
}

static void
on_decisions_audit_count_cb (BfgAuditPage *self)
{
  bfg_audit_list_reload (self->list);
}

static void
setup (BfgAuditPage *self)
{
  g_autoptr(GtkStringList) actor_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) section_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  BfgEngine *engine = bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self));
  GListModel *actors = bfg_engine_get_actors (engine);
  GListModel *sections = bfg_engine_get_sections (engine);

  self->list = bfg_audit_list_new (bfg_engine_get_workspace (engine));
  bfg_audit_list_set_descending (self->list, TRUE);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (g_str_equal (columns[i].id, "seq"))
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (keep_order_cb,
                                                                           NULL, NULL));

          gtk_column_view_column_set_sorter (column, sorter);
          self->seq_column = column;
        }
      gtk_column_view_append_column (self->column_view, column);
    }

  gtk_column_view_sort_by_column (self->column_view, self->seq_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-items",
                           G_CALLBACK (on_list_n_items_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->list, "loading", self->spinner, "visible",
                          G_BINDING_SYNC_CREATE);

  gtk_string_list_append (actor_labels, _("All actors"));
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(BfgActor) actor = g_list_model_get_item (actors, i);

      gtk_string_list_append (self->actor_ids, bfg_actor_get_id (actor));
      gtk_string_list_append (actor_labels, bfg_actor_get_name (actor));
    }
  gtk_drop_down_set_model (self->actor_dropdown, G_LIST_MODEL (actor_labels));

  gtk_string_list_append (section_labels, _("All sections"));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(BfgSection) section = g_list_model_get_item (sections, i);

      gtk_string_list_append (self->section_ids, bfg_section_get_id (section));
      gtk_string_list_append (section_labels, bfg_section_get_title (section));
    }
  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (section_labels));

  /* Every change writes an audit event, so a new count is the cue to
   * read the trail again. */
  g_signal_connect_object (bfg_engine_get_decisions (engine), "notify::audit-count",
                           G_CALLBACK (on_decisions_audit_count_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
bfg_audit_page_dispose (GObject *object)
{
  BfgAuditPage *self = BFG_AUDIT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_AUDIT_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->actor_ids);
  g_clear_object (&self->section_ids);
  self->seq_column = NULL;

  G_OBJECT_CLASS (bfg_audit_page_parent_class)->dispose (object);
}

static void
bfg_audit_page_constructed (GObject *object)
{
  BfgAuditPage *self = BFG_AUDIT_PAGE (object);

  G_OBJECT_CLASS (bfg_audit_page_parent_class)->constructed (object);

  if (bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self)) != NULL)
    setup (self);
}

static void
bfg_audit_page_class_init (BfgAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_audit_page_constructed;
  object_class->dispose = bfg_audit_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, actor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BfgAuditPage, newest_first);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
}

static void
bfg_audit_page_init (BfgAuditPage *self)
{
  self->actor_ids = gtk_string_list_new (NULL);
  self->section_ids = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfgAuditPage *
bfg_audit_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_AUDIT_PAGE,
                       "engine", engine,
                       NULL);
}

/**
 * bfg_audit_page_get_scrolled_window:
 * @self: a #BfgAuditPage
 *
 * Returns: (transfer none): the scrolled window around the events, for
 *   benchmarks that scroll through them
 */
GtkScrolledWindow *
bfg_audit_page_get_scrolled_window (BfgAuditPage *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_PAGE (self), NULL);

  return self->scrolled_window;
}

BfgAuditList *
bfg_audit_page_get_list (BfgAuditPage *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_PAGE (self), NULL);

  return self->list;
}
