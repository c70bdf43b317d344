package com.merchantbilling.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

/**
 * A real nginx (Debian's package, installed by {@code .ci/run}) in the foreground, with a configuration generated
 * in a temporary prefix from the shape of {@code deploy/nginx.conf}: the upstream nodes and the listening port are
 * the test's.
 */
final class Nginx implements AutoCloseable {

    private static final String BINARY = System.getProperty("nginx.binary", "/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path prefix;

    private Nginx(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    static Nginx start(int port, List<Integer> upstreams, Path prefix) {
        try {
            Files.createDirectories(prefix.resolve("temp"));
            String config = Files.readString(Path.of("deploy", "nginx.conf"))
                    .replace("listen 127.0.0.1:8080;", "listen 127.0.0.1:" + port + ";")
                    .replaceAll("(?m)^\\s*server 127\\.0\\.0\\.1:808[1-3].*\\n", "")
                    .replace("keepalive 16;", upstreams.stream()
                            .map(p -> "server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                            .collect(Collectors.joining("\n        ")) + "\n        keepalive 16;");
            Files.writeString(prefix.resolve("nginx.conf"), config);
            var process = new ProcessBuilder(BINARY, "-p", prefix.toString(), "-c", "nginx.conf",
                    "-g", "daemon off;").redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("nginx.log").toFile()).start();
            var nginx = new Nginx(process, port, prefix);
            Awaitility.await("nginx on port " + port).atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("nginx.log")));
                }
                try (var socket = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nginx (" + BINARY + "; apt-get install -y nginx)", e);
        }
    }

    int port() {
        return port;
    }

    Path prefix() {
        return prefix;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
