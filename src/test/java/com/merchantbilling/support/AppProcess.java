package com.merchantbilling.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import com.merchantbilling.MerchantBillingApplication;

/**
 * The production main class in a JVM of its own, so a test can kill it the hard way (SIGKILL) and start
 * it again. It gets the test JVM's classpath: the test EnvironmentPostProcessor on it stands aside because
 * the datasource URL is always passed explicitly.
 */
public final class AppProcess implements AutoCloseable {

    private final Map<String, String> environment;
    private final List<String> arguments;
    private final int port;
    private final Path logDirectory;
    private Process process;
    private int starts;

    public AppProcess(int port, Map<String, String> environment, Map<String, String> properties, Path logDirectory) {
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
        var args = new ArrayList<String>();
        var all = new LinkedHashMap<>(properties);
        all.put("server.port", Integer.toString(port));
        all.forEach((name, value) -> args.add("--" + name + "=" + value));
        this.arguments = List.copyOf(args);
    }

    /** Starts the JVM and waits until it answers HTTP (the login page), at most {@code timeout}. */
    public void start(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    /** Starts the JVM without waiting: its start-up work (republished events) may begin before HTTP does. */
    public void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Already running");
        }
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a short-lived JVM: C1 only starts faster, which matters more here than peak speed
        command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dvaadin.launch-browser=false", "-cp", classpath(), MerchantBillingApplication.class.getName()));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectOutput(logDirectory.resolve("app-" + (++starts) + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the application JVM", e);
        }
    }

    public void awaitReady(Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Awaitility.await("application JVM on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The application JVM exited with " + process.exitValue()
                                + "; see " + logDirectory);
                    }
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                });
    }

    /**
     * For a start that must fail: waits until the JVM exits and returns its exit code. Fails as soon as the
     * application answers HTTP instead, so a start that wrongly succeeds does not wait for the timeout.
     */
    public int awaitExit(Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Awaitility.await("application JVM on port " + port + " to exit").atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        return true;
                    }
                    if (answersLogin(http)) {
                        throw new AssertionError("The application started on port " + port + "; see " + logDirectory);
                    }
                    return false;
                });
        return process.exitValue();
    }

    private boolean answersLogin(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful end of running work, as in a crash or an OOM kill. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int port() {
        return port;
    }

    public String log(int start) {
        try {
            return Files.readString(logDirectory.resolve("app-" + start + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        kill();
    }

    /**
     * Surefire may run the tests from a manifest-only jar, whose java.class.path is that one jar: the real
     * entries are then in surefire's property or the jar's Class-Path.
     */
    static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        String own = System.getProperty("java.class.path");
        var entries = own.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (var jar = new JarFile(entries[0])) {
                var manifest = jar.getManifest();
                String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    return Arrays.stream(classPath.trim().split("\\s+"))
                            .map(url -> Path.of(URI.create(url.startsWith("file:") ? url : "file:" + url)).toString())
                            .collect(Collectors.joining(File.pathSeparator));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return own;
    }
}
