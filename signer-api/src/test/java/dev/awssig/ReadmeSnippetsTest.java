package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.spi.SignerProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
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

/** Every {@code ```java} block of signer-api's README.md compiles against this module. */
class ReadmeSnippetsTest {
    @TempDir
    Path tmp;

    static List<String> javaBlocks(String markdown) {
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

    @Test
    void readmeJavaSnippetsCompile() throws Exception {
        Path readme = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "README.md");
        List<String> blocks = javaBlocks(Files.readString(readme, StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 2, "README.md has Java snippets: " + readme);
        List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("out").toString(), "-Xlint:all", "-Werror",
                "-classpath", location(SignerProvider.class) + File.pathSeparator + location(org.slf4j.Logger.class)));
        for (int i = 0; i < blocks.size(); i++) {
            Path src = tmp.resolve("snippets/Snippet" + i + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package snippets;\n"
                    + "import dev.awssig.*;\nimport java.time.*;\n"
                    + "@SuppressWarnings(\"unused\")\n"
                    + "class Snippet" + i + " {\n  void run() throws Exception {\n" + blocks.get(i) + "  }\n}\n");
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertEquals(0, rc, "README snippets do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
    }

    @Test
    void blockExtraction() {
        assertEquals(List.of("a();\n", "b();\nc();\n"),
                javaBlocks("x\n```java\na();\n```\n```xml\n<x/>\n```\n```java\nb();\nc();\n```\n"));
    }

    private static String location(Class<?> c) throws IOException {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
