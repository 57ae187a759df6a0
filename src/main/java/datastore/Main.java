package datastore;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import datastore.core.config.AppConfig;
import datastore.core.config.ConfigException;
import datastore.core.config.DotEnv;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar target/datastore.jar} serves the API with settings from the environment;
 * {@code … token create|list|revoke} manages the service's own API tokens.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            setLogLevel("warn");
            System.exit(TokenCli.run(
                    java.util.List.of(args).subList(1, args.length),
                    DotEnv.withEnvironment(Path.of(".env"), System.getenv()),
                    System.out,
                    System.err));
        }
        if (args.length > 0 && !args[0].equals("serve")) {
            System.err.println("usage: java -jar datastore.jar [serve]\n" + TokenCli.USAGE);
            System.exit(2);
        }
        Map<String, String> env = DotEnv.withEnvironment(Path.of(".env"), System.getenv());
        AppConfig config;
        try {
            config = AppConfig.from(env);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        setLogLevel(config.logLevel());
        try {
            // stdout carries the JSON log lines only; the one-time admin token goes to the console (stderr).
            Application app = Application.start(config, env, System.err);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                app.close();
                                LOG.atInfo().log("Datastore stopped");
                            },
                            "shutdown"));
            LOG.atInfo()
                    .addKeyValue("url", "http://" + config.host() + ":" + app.port())
                    .addKeyValue("engine", config.engine())
                    .addKeyValue("dataDir", config.dataDir().toAbsolutePath().toString())
                    .log("Datastore listening on http://" + config.host() + ":" + app.port());
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
