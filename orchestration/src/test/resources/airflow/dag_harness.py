"""Test harness for DAG files written by `fraudlake airflow export-dag` (Airflow itself is not installed here).

    python3 dag_harness.py inspect DAG_FILE
        Parses the file (ast only, nothing executed) and prints JSON: the PythonOperator tasks, the
        `tasks[a] >> tasks[b]` edges, the module's literal constants, the DAG(...) keywords and the docstring.
    python3 dag_harness.py run DAG_FILE CASES_JSON
        Executes the file against minimal stand-ins for the airflow and pendulum modules, then for each case
        ({"task": ID, "env": {...}, "context": {"data_interval_start": ISO, "conf": {...}}}) sets the environment
        and calls the task's callable with that context. Prints JSON: each case's outcome (success or the
        exception class) and message, and the DAG's tasks and edges.
"""
import ast
import datetime
import json
import os
import sys
import types
import zoneinfo


def inspect(path):
    source = open(path, encoding="ascii").read()
    tree = ast.parse(source, filename=path)
    tasks, edges, constants, dag_kwargs = [], [], {}, {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
        if isinstance(node, ast.With):
            call = node.items[0].context_expr
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "DAG":
                for kw in call.keywords:
                    try:
                        dag_kwargs[kw.arg] = ast.literal_eval(kw.value)
                    except ValueError:
                        dag_kwargs[kw.arg] = ast.unparse(kw.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PythonOperator":
            kws = {kw.arg: kw.value for kw in node.keywords}
            tasks.append({"task_id": ast.literal_eval(kws["task_id"]),
                          "op_kwargs": ast.literal_eval(kws["op_kwargs"]),
                          "callable": ast.unparse(kws["python_callable"])})
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            edges.append([ast.literal_eval(node.left.slice), ast.literal_eval(node.right.slice)])
    print(json.dumps({"tasks": tasks, "edges": edges, "constants": constants, "dag": dag_kwargs,
                      "docstring": ast.get_docstring(tree)}))


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class DAG:
    current = None

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.tasks = {}
        self.edges = []

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False


class PythonOperator:
    def __init__(self, task_id, python_callable, op_kwargs=None, **kwargs):
        self.task_id, self.python_callable, self.op_kwargs, self.kwargs = task_id, python_callable, op_kwargs or {}, kwargs
        self.dag = DAG.current
        if self.dag is None:
            raise RuntimeError(f"task {task_id} created outside a DAG")
        if task_id in self.dag.tasks:
            raise RuntimeError(f"task {task_id} declared twice")
        self.dag.tasks[task_id] = self

    def __rshift__(self, other):
        self.dag.edges.append([self.task_id, other.task_id])
        return other


def install_stand_ins():
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
        return m

    module("pendulum", timezone=zoneinfo.ZoneInfo,
           datetime=lambda y, m, d, tz: datetime.datetime(y, m, d, tzinfo=tz))
    module("airflow", DAG=DAG)
    module("airflow.exceptions", AirflowException=AirflowException, AirflowFailException=AirflowFailException)
    module("airflow.operators")
    module("airflow.operators.python", PythonOperator=PythonOperator)


def run(path, cases_json):
    install_stand_ins()
    namespace = {"__name__": "fraudlake_dag", "__file__": path}
    exec(compile(open(path, encoding="ascii").read(), path, "exec"), namespace)
    dag = namespace["dag"]
    outcomes = []
    for case in json.loads(cases_json):
        os.environ.update(case.get("env", {}))
        spec = case["context"]
        context = {"dag_run": types.SimpleNamespace(conf=spec.get("conf")),
                   "data_interval_start": datetime.datetime.fromisoformat(spec["data_interval_start"]),
                   "ds": "not-the-business-date"}
        task = dag.tasks[case["task"]]
        outcome, message = "success", None
        try:
            task.python_callable(**task.op_kwargs, **context)
        except AirflowException as e:
            outcome, message = type(e).__name__, str(e)
        outcomes.append({"outcome": outcome, "message": message})
    print(json.dumps({"outcomes": outcomes, "tasks": list(dag.tasks), "edges": dag.edges,
                      "dag": {k: repr(v) for k, v in dag.kwargs.items()}}))


if __name__ == "__main__":
    if sys.argv[1] == "inspect":
        inspect(sys.argv[2])
    else:
        run(sys.argv[2], sys.argv[3])
