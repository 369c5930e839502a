package org.medcab.updatetools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code bin/medcab-update}: sends a signed package to one gateway over MQTT and prints its replies
 * until the outcome; lists and removes packages. Chunked transfers resume: the chunks the gateway already
 * has (deploy-status) are not sent again.
 */
public final class UpdateMain {
    private static final String USAGE = """
            usage: medcab-update --broker URL --site SITE --gateway GATEWAY [--prefix medcab] [--username U --password P]
                                 [--timeout SECONDS] COMMAND
              deploy PACKAGE.dp [--url URL] [--chunk-size BYTES]
                        sends PACKAGE.dp with its signature PACKAGE.dp.sig (medcab-sign sign); the gateway downloads
                        it from URL (under its allowedUrlPrefixes) or, without --url, receives it in chunks over MQTT
              list      the installed packages, their bundles and health
              uninstall NAME   removes a package""";
    static final int DEFAULT_CHUNK = 128 * 1024;

    private final MqttClient client;
    private final String root;
    private final long timeoutMillis;
    private final Map<String, BlockingQueue<JsonObject>> replies = new ConcurrentHashMap<>();

    UpdateMain(MqttClient client, String root, long timeoutMillis) {
        this.client = client;
        this.root = root;
        this.timeoutMillis = timeoutMillis;
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Exception e) {
            System.err.println("medcab-update: " + e.getMessage());
            System.exit(1);
        }
    }

    public static int run(String[] args) throws Exception {
        String broker = null;
        String site = null;
        String gateway = null;
        String prefix = "medcab";
        String username = null;
        String password = null;
        String url = null;
        int chunkSize = DEFAULT_CHUNK;
        long timeout = 300;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--broker" -> broker = SignMain.value(args, ++i);
                case "--site" -> site = SignMain.value(args, ++i);
                case "--gateway" -> gateway = SignMain.value(args, ++i);
                case "--prefix" -> prefix = SignMain.value(args, ++i);
                case "--username" -> username = SignMain.value(args, ++i);
                case "--password" -> password = SignMain.value(args, ++i);
                case "--url" -> url = SignMain.value(args, ++i);
                case "--chunk-size" -> chunkSize = Integer.parseInt(SignMain.value(args, ++i));
                case "--timeout" -> timeout = Long.parseLong(SignMain.value(args, ++i));
                default -> rest.add(args[i]);
            }
        }
        if (broker == null || site == null || gateway == null || rest.isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        if (chunkSize < 1024 || chunkSize > 192 * 1024) {
            throw new IllegalArgumentException("--chunk-size must be 1024 to 196608 bytes (the contract's chunk limit)");
        }
        MqttClient client = new MqttClient(broker, "medcab-update-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? new char[0] : password.toCharArray());
        }
        client.connect(options);
        try {
            UpdateMain tool = new UpdateMain(client, prefix + "/" + site + "/" + gateway, timeout * 1000);
            tool.listen();
            return switch (rest.get(0)) {
                case "deploy" -> tool.deploy(Path.of(arg(rest, 1)), url, chunkSize);
                case "list" -> tool.list();
                case "uninstall" -> tool.uninstall(arg(rest, 1));
                default -> {
                    System.err.println(USAGE);
                    yield 2;
                }
            };
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static String arg(List<String> rest, int i) {
        if (rest.size() <= i) {
            throw new IllegalArgumentException(rest.get(0) + " needs an argument\n" + USAGE);
        }
        return rest.get(i);
    }

    void listen() throws MqttException {
        client.subscribe(root + "/reply/+", 1, (topic, message) -> {
            try {
                JsonObject reply = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
                if (reply.has("correlationId")) {
                    BlockingQueue<JsonObject> queue = replies.get(reply.get("correlationId").getAsString());
                    if (queue != null) {
                        queue.add(reply);
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("unreadable reply on " + topic + ": " + e.getMessage());
            }
        });
    }

    int deploy(Path dp, String url, int chunkSize) throws Exception {
        Path sigFile = dp.resolveSibling(dp.getFileName() + ".sig");
        if (!Files.exists(sigFile)) {
            throw new IOException("no signature " + sigFile + ": sign the package first (medcab-sign sign)");
        }
        JsonObject signed = JsonParser.parseString(Files.readString(sigFile)).getAsJsonObject();
        byte[] bytes = Files.readAllBytes(dp);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        if (!sha256.equals(signed.get("sha256").getAsString())) {
            throw new IOException(dp + " changed since it was signed (SHA-256 " + sha256 + ")");
        }
        JsonObject source = new JsonObject();
        if (url != null) {
            source.addProperty("url", url);
        } else {
            String transferId = (signed.get("package").getAsString() + "-" + signed.get("version").getAsString() + "-"
                    + sha256.substring(0, 12)).replaceAll("[^A-Za-z0-9._-]", "_");
            if (transferId.length() > 64) {
                transferId = transferId.substring(transferId.length() - 64);
            }
            if (!sendChunks(transferId, bytes, chunkSize)) {
                return 1;
            }
            source.addProperty("transferId", transferId);
        }
        JsonObject deploy = new JsonObject();
        deploy.addProperty("package", signed.get("package").getAsString());
        deploy.addProperty("version", signed.get("version").getAsString());
        deploy.addProperty("sha256", sha256);
        deploy.add("signature", signed.get("signature"));
        deploy.add("source", source);
        String requestId = send("deploy", deploy);
        while (true) {
            JsonObject reply = await(requestId);
            String status = reply.get("status").getAsString();
            System.out.println(describe(reply));
            if (!status.equals("accepted") && !status.equals("progress")) {
                return status.equals("ok") ? 0 : 1;
            }
        }
    }

    /** @return false when the gateway refused a chunk */
    private boolean sendChunks(String transferId, byte[] bytes, int chunkSize) throws Exception {
        int total = Math.max(1, (bytes.length + chunkSize - 1) / chunkSize);
        List<Integer> missing = new ArrayList<>();
        JsonObject status = new JsonObject();
        status.addProperty("transferId", transferId);
        JsonObject known = await(send("deploy-status", status));
        if ("ok".equals(known.get("status").getAsString())
                && known.getAsJsonObject("result").get("total").getAsInt() == total) {
            known.getAsJsonObject("result").getAsJsonArray("missing").forEach(m -> missing.add(m.getAsInt()));
            System.out.println("resuming transfer " + transferId + ": " + missing.size() + " of " + total + " chunks missing");
        } else {
            for (int i = 0; i < total; i++) {
                missing.add(i);
            }
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        int sent = 0;
        for (int index : missing) {
            byte[] chunk = Arrays.copyOfRange(bytes, index * chunkSize, Math.min(bytes.length, (index + 1) * chunkSize));
            JsonObject c = new JsonObject();
            c.addProperty("transferId", transferId);
            c.addProperty("index", index);
            c.addProperty("total", total);
            c.addProperty("sha256", HexFormat.of().formatHex(sha256.digest(chunk)));
            c.addProperty("data", Base64.getEncoder().encodeToString(chunk));
            JsonObject reply = await(send("deploy-chunk", c));
            if (!"ok".equals(reply.get("status").getAsString())) {
                System.out.println(describe(reply));
                return false;
            }
            sent++;
            if (sent % 10 == 0 || sent == missing.size()) {
                System.out.printf("sent %d of %d chunks%n", sent, missing.size());
            }
        }
        return true;
    }

    int list() throws Exception {
        JsonObject reply = await(send("deploy-list", new JsonObject()));
        if (!"ok".equals(reply.get("status").getAsString())) {
            System.out.println(describe(reply));
            return 1;
        }
        JsonArray packages = reply.getAsJsonObject("result").getAsJsonArray("packages");
        for (var p : packages) {
            JsonObject o = p.getAsJsonObject();
            System.out.printf("%-32s %-12s %s%n", o.get("name").getAsString(), o.get("version").getAsString(),
                    o.get("healthy").getAsBoolean() ? "healthy" : "NOT HEALTHY: " + o.get("problem").getAsString());
            for (var b : o.getAsJsonArray("bundles")) {
                System.out.printf("    %s %s%n", b.getAsJsonObject().get("symbolicName").getAsString(),
                        b.getAsJsonObject().get("version").getAsString());
            }
        }
        return 0;
    }

    int uninstall(String name) throws Exception {
        JsonObject p = new JsonObject();
        p.addProperty("package", name);
        JsonObject reply = await(send("uninstall", p));
        System.out.println(describe(reply));
        return "ok".equals(reply.get("status").getAsString()) ? 0 : 1;
    }

    private String send(String command, JsonObject fields) throws MqttException {
        String requestId = command + "-" + UUID.randomUUID();
        JsonObject payload = new JsonObject();
        payload.addProperty("schema", "medcab/cmd/" + command + "/1");
        payload.addProperty("requestId", requestId);
        fields.entrySet().forEach(e -> payload.add(e.getKey(), e.getValue()));
        replies.put(requestId, new LinkedBlockingQueue<>());
        MqttMessage message = new MqttMessage(payload.toString().getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(root + "/cmd/" + command, message);
        return requestId;
    }

    private JsonObject await(String requestId) throws InterruptedException, IOException {
        JsonObject reply = replies.get(requestId).poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new IOException("no reply to " + requestId + " within " + timeoutMillis / 1000 + " s (is the gateway online?)");
        }
        return reply;
    }

    static String describe(JsonObject reply) {
        StringBuilder b = new StringBuilder(reply.get("status").getAsString());
        JsonObject result = reply.has("result") ? reply.getAsJsonObject("result") : new JsonObject();
        for (String key : List.of("phase", "percent", "package", "version", "previousVersion", "running", "problem")) {
            if (result.has(key)) {
                b.append(' ').append(key).append('=').append(result.get(key).getAsString());
            }
        }
        if (reply.has("error")) {
            JsonObject error = reply.getAsJsonObject("error");
            b.append(" error ").append(error.get("field").getAsString()).append(": ").append(error.get("problem").getAsString());
        }
        return b.toString();
    }
}
