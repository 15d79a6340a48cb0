package io.chatsignals.cli;

import io.chatsignals.contract.Schemas;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.SchemaNotFoundException;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code register-schemas}: registers the contract ({@link Schemas#valueSchemas()}) under its subjects
 * ({@code <topic>-value}), after checking each against the latest version under its subject with the registry's
 * compatibility rule ({@code POST /compatibility/subjects/{subject}/versions/latest}). Nothing is registered unless
 * every schema is compatible (exit code 1, the incompatible subjects named). Registering a schema that is already
 * there returns its id and changes nothing, so the command is safe to run at every deployment (a one-shot job before
 * the apps, which then run with {@code auto.register.schemas=false}). {@code --dry-run} checks only.
 */
@Command(
        name = "register-schemas",
        mixinStandardHelpOptions = true,
        description = "Register the contract's Avro schemas under their subjects, compatibility checked first.")
final class RegisterSchemasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--dry-run", description = "check compatibility only; register nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SchemaRegistryClient registry =
                CachedSchemaRegistryClient.fromConfig(SerdeConfig.from(cluster.serde(Map.of())));
        Map<String, Schema> schemas = Schemas.valueSchemas();
        List<String> incompatible = new ArrayList<>();
        for (Map.Entry<String, Schema> e : schemas.entrySet()) {
            String subject = Schemas.valueSubject(e.getKey());
            if (!compatible(registry, subject, e.getValue())) {
                incompatible.add(subject);
                err.println(subject + ": " + e.getValue().getFullName()
                        + " is not compatible with the latest version under the subject");
            }
        }
        if (!incompatible.isEmpty()) {
            err.println("nothing registered: " + incompatible.size() + " incompatible subject(s)");
            err.flush();
            return 1;
        }
        for (Map.Entry<String, Schema> e : schemas.entrySet()) {
            String subject = Schemas.valueSubject(e.getKey());
            out.println(
                    dryRun ? subject + ": compatible" : subject + ": id " + registry.register(subject, e.getValue()));
        }
        out.println((dryRun ? "checked=" : "registered=") + schemas.size());
        out.flush();
        return 0;
    }

    private static boolean compatible(SchemaRegistryClient registry, String subject, Schema schema) {
        try {
            return registry.isCompatible(subject, schema);
        } catch (SchemaNotFoundException e) {
            return true; // a new subject: anything goes
        }
    }
}
