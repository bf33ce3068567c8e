package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every published module's jar carries the repository's LICENSE and NOTICE in META-INF/, byte for
 * byte; so do its sources and javadoc jars when the release profile built them.
 */
class LicenseInEveryJarTest {

    @Test
    void theRepositoryHasTheApacheLicenseAndANotice() throws IOException {
        String license = Files.readString(Reactor.root().resolve("LICENSE"), StandardCharsets.UTF_8);
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                && license.contains("END OF TERMS AND CONDITIONS"), "LICENSE is the full Apache-2.0 text");
        String notice = Files.readString(Reactor.root().resolve("NOTICE"), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        assertTrue(notice.contains("aws-c-auth") && notice.contains("botocore")
                && notice.contains("Creative Commons Attribution-ShareAlike 4.0"), "NOTICE credits the test vectors");
    }

    @Test
    void everyPublishedJarHasLicenseAndNoticeInMetaInf() throws Exception {
        byte[] license = Files.readAllBytes(Reactor.root().resolve("LICENSE"));
        byte[] notice = Files.readAllBytes(Reactor.root().resolve("NOTICE"));
        String version = Reactor.version();
        Map<String, Path> modules = Reactor.modules();
        List<Path> checked = new ArrayList<>();
        for (String artifactId : Reactor.bomArtifacts()) {
            Path target = modules.get(artifactId).resolve("target");
            Path jar = target.resolve(artifactId + "-" + version + ".jar");
            if (!Files.isRegularFile(jar)) {
                // a build that stopped before 'package' (mvn test): what would go into the jar
                Path classes = target.resolve("classes").resolve("META-INF");
                assertArrayEquals(license, Files.readAllBytes(classes.resolve("LICENSE")), classes + "/LICENSE");
                assertArrayEquals(notice, Files.readAllBytes(classes.resolve("NOTICE")), classes + "/NOTICE");
                checked.add(classes);
            }
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                Path j = target.resolve(artifactId + "-" + version + classifier + ".jar");
                if (Files.isRegularFile(j)) {
                    try (ZipFile zip = new ZipFile(j.toFile())) {
                        assertArrayEquals(license, read(zip, "META-INF/LICENSE", j), j + ": META-INF/LICENSE");
                        assertArrayEquals(notice, read(zip, "META-INF/NOTICE", j), j + ": META-INF/NOTICE");
                    }
                    checked.add(j);
                }
            }
        }
        assertTrue(checked.size() >= Reactor.bomArtifacts().size(), "checked " + checked);
        System.out.println("LICENSE and NOTICE checked in " + checked);
    }

    private static byte[] read(ZipFile zip, String name, Path jar) throws IOException {
        ZipEntry e = zip.getEntry(name);
        assertNotNull(e, jar + " has no " + name);
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
