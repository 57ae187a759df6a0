package datastore.api.datasette;

import datastore.api.Route;
import java.util.ArrayList;
import java.util.List;

/** Token minting (`/-/create-token`) and Datasette's action names for the token restrictions. */
final class DatasetteTokens {
    private final DatasetteServices services;

    DatasetteTokens(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        return routes;
    }
}
