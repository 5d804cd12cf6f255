//! A throwaway PostgreSQL server for the hub tests: a cluster made with
//! initdb in a temporary folder, listening on a free port of 127.0.0.1,
//! stopped and removed when dropped. initdb and the server refuse to run
//! as root, so as root (CI) they run as the `postgres` system user.
//! `scripts/setup.sh` installs PostgreSQL; without it these tests fail
//! with that instruction (nothing stands in for the server).

use std::path::{Path, PathBuf};
use std::process::Command;

pub const ADMIN_PASSWORD: &str = "admin-secret-1";

pub struct Cluster {
    dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
}

fn bin_dir() -> PathBuf {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<u32> = std::fs::read_dir(root)
        .unwrap_or_else(|_| {
            panic!("PostgreSQL is not installed: run scripts/setup.sh (apt-get install postgresql)")
        })
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort();
    let newest = versions
        .last()
        .expect("a PostgreSQL version in /usr/lib/postgresql");
    root.join(newest.to_string()).join("bin")
}

fn is_root() -> bool {
    // SAFETY-free: read our uid from /proc.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// Runs a PostgreSQL program, as `postgres` when we are root.
fn run(bin: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let path = bin.join(program);
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&path);
        c
    } else {
        Command::new(&path)
    };
    cmd.args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn chown_to_postgres(path: &Path) {
    if is_root() {
        let ok = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(path)
            .status()
            .expect("chown runs")
            .success();
        assert!(ok, "chown {} to postgres", path.display());
    }
}

/// Runs openssl in `dir` (test certificates; scripts/setup.sh installs it).
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("claimtrail-pg-")
        .tempdir_in("/tmp")
        .expect("a temp dir")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .unwrap()
        .port()
}

impl Cluster {
    /// Starts a fresh server with an `admin` superuser and an empty
    /// database `team`.
    pub async fn start() -> Cluster {
        Cluster::start_with(&[]).await
    }

    /// A server that also speaks TLS, with a certificate for 127.0.0.1
    /// signed by a test certificate authority (`ca.pem` in [`folder`]).
    pub async fn start_tls() -> Cluster {
        let dir = tempdir();
        let root = dir.path();
        let openssl = |args: &[&str]| openssl(root, args);
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Claimtrail test CA",
        ]);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ]);
        std::fs::write(
            root.join("san.ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
        let cert = format!("ssl_cert_file={}", root.join("server.pem").display());
        let key = format!("ssl_key_file={}", root.join("server.key").display());
        Cluster::start_in(dir, &["ssl=on", &cert, &key]).await
    }

    /// [`start_tls`], where `login` signs in with a client certificate
    /// (`client.pem`, `client.key` in [`folder`]) instead of a password.
    pub async fn start_tls_with_client(login: &str) -> Cluster {
        let cluster = Cluster::start_tls().await;
        let root = cluster.dir.path();
        let openssl = |args: &[&str]| openssl(root, args);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "client.key",
            "-out",
            "client.csr",
            "-subj",
            &format!("/CN={login}"),
        ]);
        std::fs::write(
            root.join("client.ext"),
            "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "client.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "client.pem",
            "-days",
            "2",
            "-extfile",
            "client.ext",
        ]);
        // Certificates for `login`, passwords for everyone else; the server
        // checks client certificates against the test CA.
        let hba = root.join("data/pg_hba.conf");
        let rest = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("hostssl team {login} 127.0.0.1/32 cert\n{rest}"),
        )
        .unwrap();
        cluster.stop();
        let options = std::fs::read_to_string(root.join("options")).unwrap();
        let options = format!("{options} -c ssl_ca_file={}", root.join("ca.pem").display());
        chown_to_postgres(root);
        cluster.pg_ctl_start(&options);
        cluster
    }

    /// [`start`] with extra server settings (`-c name=value`).
    pub async fn start_with(settings: &[&str]) -> Cluster {
        Cluster::start_in(tempdir(), settings).await
    }

    async fn start_in(dir: tempfile::TempDir, settings: &[&str]) -> Cluster {
        let bin = bin_dir();
        let root = dir.path();
        std::fs::write(root.join("pw"), ADMIN_PASSWORD).unwrap();
        // The server reads its key only when no one else can.
        if root.join("server.key").exists() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                root.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
        }
        chown_to_postgres(root);
        let data = root.join("data");
        let out = run(
            &bin,
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "scram-sha-256",
                &format!("--pwfile={}", root.join("pw").display()),
                "-U",
                "admin",
                "--no-sync",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let mut options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            root.display()
        );
        for s in settings {
            options.push_str(&format!(" -c {s}"));
        }
        let cluster = Cluster { dir, port, bin };
        cluster.pg_ctl_start(&options);
        let pool = sqlx::PgPool::connect(&cluster.url("admin", ADMIN_PASSWORD, "postgres"))
            .await
            .expect("the admin connects");
        sqlx::query("CREATE DATABASE team")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        cluster
    }

    fn pg_ctl_start(&self, options: &str) {
        let root = self.dir.path();
        std::fs::write(root.join("options"), options).unwrap();
        let out = run(
            &self.bin,
            "pg_ctl",
            &[
                "-D",
                root.join("data").to_str().unwrap(),
                "-o",
                options,
                "-l",
                root.join("log").to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(root.join("log")).unwrap_or_default()
        );
    }

    /// Stops the server at once (as a crash would).
    pub fn stop(&self) {
        let data = self.dir.path().join("data");
        run(
            &self.bin,
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"],
        );
    }

    /// Starts it again on the same port.
    pub fn restart(&self) {
        let options = std::fs::read_to_string(self.dir.path().join("options")).unwrap();
        self.pg_ctl_start(&options);
    }

    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    pub fn url(&self, login: &str, password: &str, db: &str) -> String {
        format!("postgres://{login}:{password}@127.0.0.1:{}/{db}", self.port)
    }

    /// The hub owner's address (the `team` database).
    pub fn admin_url(&self) -> String {
        self.url("admin", ADMIN_PASSWORD, "team")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
