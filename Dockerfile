# The mailroute app for docker-compose.yml: the runnable jar and its lib/ from `mvn -B -DskipTests package`.
FROM eclipse-temurin:17-jre
WORKDIR /opt/mailroute
COPY ops/target/lib/ /opt/mailroute/lib/
COPY ops/target/mailroute.jar /opt/mailroute/mailroute.jar
RUN useradd --system --home-dir /var/lib/mailroute mailroute && mkdir -p /var/lib/mailroute && chown mailroute /var/lib/mailroute
USER mailroute
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/mailroute/mailroute.jar"]
