package datastore;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import datastore.core.config.AppConfig;
import datastore.core.config.ConfigException;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar target/datastore.jar} serves the API with settings from the environment;
 * {@code … token create|list|revoke} manages the service's own API tokens.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            setLogLevel("warn");
            System.exit(TokenCli.run(
                    java.util.List.of(args).subList(1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && !args[0].equals("serve")) {
            System.err.println("usage: java -jar datastore.jar [serve]\n" + TokenCli.USAGE);
            System.exit(2);
        }
        AppConfig config;
        try {
            config = AppConfig.from(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        setLogLevel(config.logLevel());
        try {
            Application app = Application.start(config, System.getenv(), System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
            System.out.println("Datastore listening on http://0.0.0.0:" + app.port() + " (engine " + config.engine()
                    + ", data in " + config.dataDir().toAbsolutePath() + ")");
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Datastore could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    static void setLogLevel(String level) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
}
