"""Starts a published desk N times on an existing database and times each start from the process's launch to the first
200 from GET /health (every check healthy: database, job server), polling every 10 ms on one kept connection attempt at
a time. Also reads the desk's log (UTC timestamps) for when its own start-up work ended ("Start-up done": migrations
checked, accounts, classifier model), Kestrel listened, and the host said it started.
Usage: starts.py <desk folder> <data folder> <port> <runs> [ENV=VALUE ...]   Prints one JSON line per start."""
import datetime, http.client, json, os, re, signal, subprocess, sys, time

desk, data, port, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
limit = float(os.environ.get("STARTS_TIMEOUT", "120"))
extra = dict(a.split("=", 1) for a in sys.argv[5:])
env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Demo__Enabled="false",
           Database__ConnectionString=f"Data Source={data}/desk.db;Default Timeout=30",
           Classifier__ModelPath=f"{data}/classifier/default.model", Identity__BootstrapAdminPassword="bench-admin-password",
           Logging__LogLevel__Default="Information", Logging__LogLevel__Microsoft="Warning",
           **{"Logging__LogLevel__Microsoft.Hosting.Lifetime": "Information"}, Logging__LogLevel__Hangfire="Information",
           Logging__Console__FormatterName="simple", Logging__Console__FormatterOptions__SingleLine="true",
           Logging__Console__FormatterOptions__UseUtcTimestamp="true",
           Logging__Console__FormatterOptions__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fff ", ASPNETCORE_URLS=f"http://127.0.0.1:{port}")
env.update(extra)
marks = {"model_loaded": "loaded from", "startup_done": "Start-up done", "listening": "Now listening on",
         "started": "Application started", "jobs_announced": "successfully announced"}

def healthy():
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/health")
        status = c.getresponse().status
        c.close()
        return status == 200
    except OSError:
        return False

results = []
for run in range(runs):
    log = open(f"{data}/start-{run}.log", "w")
    wall0 = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    process = subprocess.Popen(["dotnet", f"{desk}/Desk.Api.dll", "--contentRoot", desk], cwd=data, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    while not healthy():
        if process.poll() is not None:
            sys.exit(f"the desk exited ({process.returncode}); see {data}/start-{run}.log")
        if time.monotonic() - t0 > limit:
            sys.exit(f"not healthy within {limit} s")
        time.sleep(0.01)
    took = (time.monotonic() - t0) * 1000
    process.send_signal(signal.SIGTERM)
    process.wait(60)
    log.close()
    seen = {}
    for line in open(f"{data}/start-{run}.log", encoding="utf-8", errors="replace"):
        m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}) ", line)
        if not m:
            continue
        at = datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=datetime.timezone.utc)
        seen.setdefault("first_line", (at - wall0).total_seconds() * 1000)
        for key, text in marks.items():
            if key not in seen and text in line:
                seen[key] = (at - wall0).total_seconds() * 1000
    results.append(dict(healthy_ms=took, **seen))
    time.sleep(0.5)

for r in results:
    print(json.dumps({k: round(v, 1) for k, v in r.items()}))
