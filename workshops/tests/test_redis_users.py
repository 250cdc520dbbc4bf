"""The local Redis (started by `make run`, and by the tests with the same users) lets no one
in without a password, and the app's own user may not wipe or reconfigure it."""

import pytest
import redis

NOPERM = redis.exceptions.NoPermissionError
# Redis 7 refuses DEBUG to everyone unless it is configured otherwise; the ACL refuses it too.
REFUSED = redis.exceptions.ResponseError


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (("FLUSHALL",), NOPERM),
        (("FLUSHDB",), NOPERM),
        (("CONFIG", "GET", "save"), NOPERM),
        (("CONFIG", "SET", "requirepass", ""), NOPERM),
        (("KEYS", "*"), NOPERM),
        (("DEBUG", "SLEEP", "0"), REFUSED),
    ],
    ids=["FLUSHALL", "FLUSHDB", "CONFIG GET", "CONFIG SET", "KEYS", "DEBUG"],
)
def test_the_app_s_user_may_not_wipe_reconfigure_or_list_redis(local_redis, command, refusal):
    app = redis.Redis.from_url(local_redis.url)
    app.set("codesign-test-canary", "still here")
    try:
        with pytest.raises(refusal):
            app.execute_command(*command)
        assert app.get("codesign-test-canary") == b"still here"
    finally:
        app.delete("codesign-test-canary")


def test_the_app_s_user_may_queue_and_read_tasks(local_redis):
    app = redis.Redis.from_url(local_redis.url)
    app.rpush("codesign-test-queue", "a message")
    assert app.lpop("codesign-test-queue") == b"a message"


def test_nobody_gets_in_without_the_password(local_redis):
    address = local_redis.url.split("@", 1)[1]
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis.from_url(f"redis://{address}").ping()
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis.from_url(f"redis://codesign:a-guess@{address}").ping()
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis.from_url(f"redis://default:@{address}").ping()
