package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The user an image of {@code docker/} runs as: the last {@code USER} instruction of its Dockerfile. */
final class DockerfileUser {
    private DockerfileUser() {}

    /**
     * @param dockerfile a Dockerfile
     * @return {uid, gid} of its last {@code USER} instruction
     * @throws AssertionError when there is none or it is not numeric (a kubelet cannot verify a named user is non-root)
     * @throws IOException when the file cannot be read
     */
    static String[] of(Path dockerfile) throws IOException {
        List<String> users = Files.readAllLines(dockerfile).stream()
                .filter(l -> l.startsWith("USER "))
                .map(l -> l.substring(5).trim())
                .toList();
        assertThat(users).as(dockerfile + " sets a USER").isNotEmpty();
        String user = users.get(users.size() - 1);
        assertThat(user).as(dockerfile + ": numeric uid:gid").matches("[1-9][0-9]*:[0-9]+");
        return user.split(":");
    }
}
