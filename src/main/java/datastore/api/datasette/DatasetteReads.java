package datastore.api.datasette;

import datastore.api.Route;
import java.util.ArrayList;
import java.util.List;

/** The read side: table, row, database and instance JSON, and the SQL query endpoint. */
final class DatasetteReads {
    private final DatasetteServices services;

    DatasetteReads(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        return routes;
    }
}
