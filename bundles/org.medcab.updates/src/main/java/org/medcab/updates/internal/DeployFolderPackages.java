package org.medcab.updates.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileInstall's hook for {@code .dp} files in the deploy folder (FileInstall itself only installs bundles and
 * configurations): a package dropped there is installed or updated through Deployment Admin, and removed
 * when its file is deleted. Which file holds which package is remembered in the data area, because a
 * deleted file can no longer be read.
 */
final class DeployFolderPackages implements ArtifactInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderPackages.class);
    private final Updater updater;
    private final Path record;

    DeployFolderPackages(Updater updater, Path record) {
        this.updater = updater;
        this.record = record;
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".dp");
    }

    @Override
    public void install(File artifact) throws Exception {
        try {
            String name = updater.installLocal(artifact.toPath(), "deploy folder");
            Properties files = read();
            files.setProperty(artifact.getAbsolutePath(), name);
            write(files);
        } catch (Exception e) {
            // FileInstall retries a failed artifact when its file changes; the operator needs to know why.
            LOG.error("cannot install {} from the deploy folder: {}", artifact, e.getMessage());
            throw e;
        }
    }

    @Override
    public void update(File artifact) throws Exception {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) throws Exception {
        Properties files = read();
        String name = files.getProperty(artifact.getAbsolutePath());
        if (name == null) {
            LOG.warn("{} left the deploy folder, but no package is known to have come from it", artifact);
            return;
        }
        updater.uninstall(name);
        files.remove(artifact.getAbsolutePath());
        write(files);
    }

    private Properties read() throws IOException {
        Properties p = new Properties();
        if (Files.exists(record)) {
            try (var in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private void write(Properties p) throws IOException {
        var out = new java.io.StringWriter();
        p.store(out, "deploy folder file -> deployment package");
        ChunkTransfers.write(record, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
