package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone stands on its own: no file points outside the repository (the design and the provider facts are in
 * {@code docs/}), and every relative link of a Markdown file names a file of the repository.
 */
class RepositoryStandsAloneTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".check");
    private static final Pattern OUTSIDE =
            Pattern.compile("\\.\\./shared|shared/(providers|spikes)|\\bDESIGN\\.md|\\bPROVIDERS\\.md");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void noFileReferstoAnythingOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String text = text(file);
            Matcher m = OUTSIDE.matcher(text);
            while (m.find()) {
                found.add(ROOT.relativize(file) + ": " + m.group());
            }
        }
        assertThat(found).as("references outside the repository").isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkNamesAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : files()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = MARKDOWN_LINK.matcher(text(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                links++;
                Path resolved = file.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(file) + ": " + target);
                }
            }
        }
        assertThat(broken).as("broken relative links").isEmpty();
        assertThat(links).as("relative links checked").isPositive();
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> ROOT.relativize(p).toString().isEmpty() || !skipped(p))
                    .filter(Files::isRegularFile)
                    .toList();
        }
    }

    private static boolean skipped(Path path) {
        for (Path part : ROOT.relativize(path)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** @return the file's text, or "" for a binary file */
    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return "";
        }
    }
}
