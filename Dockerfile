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
USER interchange
# A container never falls back to the demo identity unless the operator opts in (INTERCHANGE_DEMO_ENABLED=true).
ENV INTERCHANGE_DEMO_ENABLED=false \
    INTERCHANGE_DATA_DIR=/var/lib/interchange \
    INTERCHANGE_SEED_DIR=/opt/interchange/catalog-seed \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC"
VOLUME /var/lib/interchange
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /q/health/ready HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar quarkus-run.jar"]
