"""A Jupyter kernel manager for the Java notebooks: waits until rapaio's kernel is ready before the client talks to it.

rapaio-jupyter-kernel 3.0.1 binds its sockets first and registers its message handlers a moment later; a request
that arrives in between (the client's first kernel_info, queued before the kernel even started) kills the kernel's
shell thread with a NullPointerException in Channels.getHandler, and the run then hangs until its startup timeout.
On a loaded machine that moment is long enough to be hit. This manager returns from starting the kernel only once
the kernel answers on its heartbeat socket (bound together with the shell socket) and a grace period has passed.

Used by scripts/notebooks.sh: nbconvert --ExecutePreprocessor.kernel_manager_class=notebook_kernel.RapaioKernelManager
"""
import asyncio
import time

import zmq
from jupyter_client.manager import AsyncKernelManager

READY_TIMEOUT_S = 300
GRACE_S = 3.0


class RapaioKernelManager(AsyncKernelManager):
    async def post_start_kernel(self, **kw):
        await super().post_start_kernel(**kw)
        try:
            await self._wait_for_heartbeat()
        except Exception:
            await self._kill_kernel()  # the client gives up on it: leave no kernel JVM behind
            raise
        await asyncio.sleep(GRACE_S)

    async def _wait_for_heartbeat(self):
        # One ping, then wait for its echo however long the kernel takes: a loaded machine may need many seconds,
        # and a new ping on a new socket each second would never see a late echo.
        socket = zmq.Context.instance().socket(zmq.REQ)
        socket.setsockopt(zmq.LINGER, 0)
        socket.connect(f"{self.transport}://{self.ip}:{self.hb_port}")
        try:
            socket.send(b"ping")
            deadline = time.monotonic() + READY_TIMEOUT_S
            while time.monotonic() < deadline:
                if socket.poll(200):
                    socket.recv()
                    return
                if not await self.is_alive():
                    raise RuntimeError("the Java kernel exited while starting; see its output above")
                await asyncio.sleep(0.3)
        finally:
            socket.close()
        raise RuntimeError(f"the Java kernel did not answer its heartbeat within {READY_TIMEOUT_S} s")
