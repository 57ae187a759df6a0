package datastore.schemas.catalog;

import java.util.List;

/** One page of a catalog list: its items and how many match in all. */
public record CatalogPage<T>(List<T> items, long count) {
    public CatalogPage {
        items = List.copyOf(items);
    }
}
