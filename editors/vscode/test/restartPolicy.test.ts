// Unit tests of the crash restart policy: a few restarts, then one "give up".

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { RestartPolicy } from "../src/restartPolicy";

const MINUTE = 60 * 1000;

test("restarts up to the limit within the window, then gives up for good", () => {
  const policy = new RestartPolicy({ maxRestarts: 2, windowMilliseconds: 3 * MINUTE });
  assert.equal(policy.onCrash(0), "restart");
  assert.equal(policy.onCrash(1 * MINUTE), "restart");
  assert.equal(policy.hasGivenUp, false);
  assert.equal(policy.onCrash(2 * MINUTE), "give-up");
  assert.equal(policy.hasGivenUp, true);
  assert.equal(policy.onCrash(60 * MINUTE), "give-up", "once given up, later crashes do not restart either");
});

test("crashes far apart keep restarting", () => {
  const policy = new RestartPolicy({ maxRestarts: 2, windowMilliseconds: 3 * MINUTE });
  for (let crash = 0; crash < 10; crash += 1) {
    assert.equal(policy.onCrash(crash * 4 * MINUTE), "restart");
  }
});

test("a restart the user asks for starts counting afresh", () => {
  const policy = new RestartPolicy({ maxRestarts: 1, windowMilliseconds: 3 * MINUTE });
  assert.equal(policy.onCrash(0), "restart");
  assert.equal(policy.onCrash(1), "give-up");
  policy.reset();
  assert.equal(policy.hasGivenUp, false);
  assert.equal(policy.onCrash(2), "restart");
});
