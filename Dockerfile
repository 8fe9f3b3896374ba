# Build on Maven 3.9 + JDK 17, run on a Java 17 JRE as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/interchange --create-home interchange
WORKDIR /opt/interchange
COPY --from=build --chown=interchange /src/target/quarkus-app/ ./
# The official parts of the seed only: the State Council holiday calendars (deadlines are counted on them) and the
# provincial departments. The demo resources, demo clients and loopback allow-list entries stay out of the image.
COPY --chown=interchange catalog-seed/calendar/ ./catalog-seed/calendar/
COPY --chown=interchange catalog-seed/departments.json ./catalog-seed/
USER interchange
# A container never falls back to the demo identity unless the operator opts in (INTERCHANGE_DEMO_ENABLED=true).
# JVM flags for a 2-core container (docs/operations-jvm.md; bench/run's HUB_JAVA_OPTS default must stay equal):
#   -XX:+UseSerialGC                  one GC thread, no concurrent GC threads competing with requests on 2 cores
#   -XX:MaxRAMPercentage=50           heap ceiling follows the container limit; the rest is metaspace, JIT code, stacks
#   -Xms64m                           the default initial heap is 1/64 of the memory the JVM sees (376 MB on a 24 GB
#                                     host); Serial GC fills that young generation before collecting, so it all stays
#                                     resident after load. From 64 MB the heap grows only as the live set needs.
#   -XX:MetaspaceSize=128m            not a limit: the metaspace level of the first class-metadata GC. The default
#                                     (21 MB) caused three full GCs while the hub's ~90 MB of classes loaded at start.
#   -XX:TrimNativeHeapInterval=5000   return memory malloc freed (JIT arenas after warm-up) to the OS every 5 s
ENV INTERCHANGE_DEMO_ENABLED=false \
    INTERCHANGE_DATA_DIR=/var/lib/interchange \
    INTERCHANGE_SEED_DIR=/opt/interchange/catalog-seed \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xms64m -XX:MetaspaceSize=128m -XX:TrimNativeHeapInterval=5000"
VOLUME /var/lib/interchange
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /q/health/ready HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar quarkus-run.jar"]
