package datastore.api.datasette;

import datastore.api.Route;
import java.util.ArrayList;
import java.util.List;

/** The write side: create, insert, upsert, update, delete, drop and alter. */
final class DatasetteWrites {
    private final DatasetteServices services;

    DatasetteWrites(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        return routes;
    }
}
