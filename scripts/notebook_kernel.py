"""A Jupyter kernel manager for the Java notebooks: hands nbconvert a kernel only once its shell answers.

rapaio-jupyter-kernel 3.0.1 binds its sockets first and registers its message handlers a moment later; a request
that arrives in between (the client's first kernel_info, queued before the kernel even started) kills the kernel's
shell thread with a NullPointerException in Channels.getHandler, and the run then hangs until its startup timeout.
On a loaded machine that moment is long enough to be hit. So this manager, once the kernel process is up:
  1. waits until it answers on its heartbeat socket (bound together with the shell socket), pinging again on a fresh
     socket every few seconds, since a ping sent while the kernel was still binding can be lost;
  2. waits a grace period, then asks the kernel for kernel_info itself;
  3. if the shell does not answer (the race above ended it), starts the kernel again, up to ATTEMPTS times.

Used by scripts/notebooks.sh: nbconvert --ExecutePreprocessor.kernel_manager_class=notebook_kernel.RapaioKernelManager
"""
import asyncio
import time
import uuid

import zmq
from jupyter_client.manager import AsyncKernelManager

HEARTBEAT_TIMEOUT_S = 120
PING_EVERY_S = 3.0
GRACE_S = 3.0
SHELL_TIMEOUT_S = 45
ATTEMPTS = 3


class RapaioKernelManager(AsyncKernelManager):
    async def start_kernel(self, **kw):
        for attempt in range(1, ATTEMPTS + 1):
            await super().start_kernel(**kw)  # comes back once the heartbeat answers: post_start_kernel below
            if await self._shell_answers():
                return
            self.log.warning("the Java kernel's shell did not answer within %d s (start %d of %d)%s",
                             SHELL_TIMEOUT_S, attempt, ATTEMPTS, "; restarting it" if attempt < ATTEMPTS else "")
            await self.shutdown_kernel(now=True, restart=True)  # restart: keep the context for the next start
        raise RuntimeError(f"the Java kernel's shell did not answer kernel_info within {SHELL_TIMEOUT_S} s, "
                           f"{ATTEMPTS} starts in a row")

    async def post_start_kernel(self, **kw):
        await super().post_start_kernel(**kw)
        try:
            await self._wait_for_heartbeat()
        except Exception:
            await self._kill_kernel()  # the client gives up on it: leave no kernel JVM behind
            raise
        await asyncio.sleep(GRACE_S)

    async def _wait_for_heartbeat(self):
        # Earlier pings stay open and polled: a loaded machine may answer one late, and that answer counts too.
        context = zmq.Context.instance()
        poller = zmq.Poller()
        sockets = []
        deadline = time.monotonic() + HEARTBEAT_TIMEOUT_S
        next_ping = 0.0
        try:
            while time.monotonic() < deadline:
                if time.monotonic() >= next_ping:
                    socket = context.socket(zmq.REQ)
                    socket.setsockopt(zmq.LINGER, 0)
                    socket.connect(f"{self.transport}://{self.ip}:{self.hb_port}")
                    socket.send(b"ping")
                    poller.register(socket, zmq.POLLIN)
                    sockets.append(socket)
                    next_ping = time.monotonic() + PING_EVERY_S
                if poller.poll(200):
                    return
                if not await self.is_alive():
                    raise RuntimeError("the Java kernel exited while starting; see its output above")
                await asyncio.sleep(0.1)
        finally:
            for socket in sockets:
                socket.close()
        raise RuntimeError(f"the Java kernel did not answer its heartbeat within {HEARTBEAT_TIMEOUT_S} s")

    async def _shell_answers(self):
        # A session of its own: clients are known to the kernel by their session id, and the kernel would go on
        # ignoring nbconvert's client (same id) after this one left.
        session = self.session.clone()
        session.session = str(uuid.uuid4())
        client = self.client(session=session)
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=SHELL_TIMEOUT_S)
            return True
        except RuntimeError as e:
            if not await self.is_alive():
                raise RuntimeError("the Java kernel exited while starting; see its output above") from e
            return False
        finally:
            client.stop_channels()
