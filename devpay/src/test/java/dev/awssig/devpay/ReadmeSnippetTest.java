package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code ```java} block of devpay's README.md compiles against this module and the real signers. */
class ReadmeSnippetTest {
    @TempDir
    Path tmp;

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void readmeJavaSnippetsCompile() throws Exception {
        Path readme = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "README.md");
        List<String> blocks = javaBlocks(Files.readString(readme, StandardCharsets.UTF_8));
        assertTrue(!blocks.isEmpty(), "README.md has Java snippets: " + readme);
        String classpath = String.join(File.pathSeparator, location(dev.awssig.Signer.class), location(DevPay.class),
                location(dev.awssig.v2.S3V2Signer.class), location(dev.awssig.v4.SigV4Signer.class),
                location(org.slf4j.Logger.class));
        List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("out").toString(), "-Xlint:all", "-Werror",
                "-classpath", classpath));
        for (int i = 0; i < blocks.size(); i++) {
            Path src = tmp.resolve("snippets/Snippet" + i + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package snippets;\n"
                    + "import dev.awssig.*;\nimport dev.awssig.devpay.*;\nimport dev.awssig.v2.*;\n"
                    + "import dev.awssig.v4.*;\nimport java.time.*;\n"
                    + "@SuppressWarnings(\"unused\")\n"
                    + "class Snippet" + i + " {\n  void run() throws Exception {\n" + blocks.get(i) + "  }\n}\n");
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertEquals(0, rc, () -> errors.toString(StandardCharsets.UTF_8));
    }
}
