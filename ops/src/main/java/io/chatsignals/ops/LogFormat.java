package io.chatsignals.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The console log format of an app, chosen by the setting {@code log.format} (environment {@code LOG_FORMAT}):
 * {@code text} (the pattern of {@code logback.xml}) or {@code json} (one JSON object per line, Logback's own
 * {@link JsonEncoder}: timestamp, level, logger, thread, message (template, arguments and {@code formattedMessage}),
 * the MDC — {@code commandId}, {@code conversation} — and the stack trace), for log shippers.
 */
public final class LogFormat {
    /** The setting that selects the format. */
    public static final String KEY = "log.format";

    private LogFormat() {}

    /**
     * @return {@code text} (default) or {@code json}
     * @throws IllegalArgumentException naming the key when the value is neither
     */
    public static String read(AppConfig config) {
        return config.oneOf(KEY, "text", "text", "json");
    }

    /** Applies a format ({@link #read}) to the root logger: {@code json} replaces its console appenders by one writing JSON lines. */
    public static void apply(String format) {
        if (format.equals("json") && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            useJson(context);
        }
    }

    /**
     * Sends everything the root logger writes to {@code file} instead of the console (the local run: the console keeps
     * progress and the summary; Kafka's start-up warnings go to the file). Levels stay as configured.
     */
    public static void redirectToFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        consoles(root).forEach(c -> {
            root.detachAppender(c);
            c.stop();
        });
    }

    private static List<ConsoleAppender<ILoggingEvent>> consoles(Logger root) {
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                consoles.add(console);
            }
        }
        return consoles;
    }

    private static void useJson(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<ConsoleAppender<ILoggingEvent>> consoles = consoles(root);
        if (consoles.isEmpty() || consoles.stream().anyMatch(c -> c.getEncoder() instanceof JsonEncoder)) {
            return; // no console (tests) or already JSON
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(
                true); // "formattedMessage": the line as text, besides the template and its arguments
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("JSON");
        json.setEncoder(encoder);
        json.start();
        root.addAppender(json);
        consoles.forEach(a -> {
            root.detachAppender(a);
            a.stop();
        });
    }
}
